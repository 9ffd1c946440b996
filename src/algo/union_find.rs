//! Union-find (disjoint sets) with path halving and union by size.

#[derive(Debug)]
pub struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    /// `n` singleton sets, `0..n`.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    /// The representative of `x`'s set.
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unions_join_sets_transitively() {
        let mut sets = UnionFind::new(6);
        sets.union(0, 1);
        sets.union(3, 4);
        sets.union(1, 4);
        let root = sets.find(0);
        for x in [1, 3, 4] {
            assert_eq!(sets.find(x), root, "{x}");
        }
        assert_ne!(sets.find(2), root);
        assert_ne!(sets.find(5), sets.find(2));
        sets.union(2, 2);
        assert_eq!(sets.find(2), 2);
    }

    #[test]
    fn a_long_chain_is_one_set() {
        let n = 10_000;
        let mut sets = UnionFind::new(n);
        for x in 1..n {
            sets.union(x - 1, x);
        }
        let root = sets.find(n - 1);
        assert!((0..n).all(|x| sets.find(x) == root));
    }
}
