#!/usr/bin/env python3
"""Generate a synthetic corpus of machine-generated-looking Japanese news articles.

Standard library only (Python 3.11+), deterministic for a given ``--seed``.

    python3 bench/gen_corpus.py --out DIR [--articles N] [--seed S]
    python3 bench/gen_corpus.py --out FILE_OR_DIR --single-mb X [--seed S]

Corpus mode writes N articles (a mix of ``.txt`` and ``.md`` with YAML front matter and
``## `` headings) plus ``manifest.jsonl`` listing the defects injected into each file.
Article ``i`` depends only on ``(seed, i)``, so the first 10 articles of a 1,000-article
corpus are the 10 articles of a 10-article corpus.

Single-document mode writes ONE plain-text article of about X MB: a headline, a summary and
as many numbered sections as needed (each block of sections is about a new story). With the
same seed a 1 MB document is a prefix of the 5 MB one, up to the closing lines.

Defects (rates are configurable, see ``--help``):

* speech-to-text garbles: 帰り先 (返り咲き), 支援兵士 (支援停止), 早期方面 (早期妥結),
  以外な結果 (意外な結果), 人事移動 (人事異動), 責任を追求 (責任を追及), 絶対絶命 (絶体絶命),
  and a few more (外傷会談, 日米同名, 停船合意, 首脳階段, 日銀相殺);
* title conflicts: the same person is ``X大統領`` in one place and ``X前大統領`` in another;
* polarity conflicts: ``AをBする`` in one place and ``AをBしない`` in another;
* repeated sentences: a body sentence copied verbatim into a later paragraph;
* unsupported headline claims: a headline whose claim the body never makes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------

JP_SURNAMES = [
    "高森", "森川", "石田", "岡本", "三宅", "野口", "佐伯", "村上", "小野寺", "川村",
    "藤田", "中西", "松尾", "渡部", "杉山", "西田", "大塚", "長谷川", "吉岡", "坂本",
    "今井", "北村", "新井", "菅原", "宮本", "本田", "片山", "桑原", "土屋", "横山",
]
JP_GIVEN = [
    "雅之", "健一", "由美子", "拓也", "美和", "恵子", "隆", "真理", "誠", "直樹",
    "亮介", "香織", "浩二", "春香", "大輔", "千尋", "剛", "綾", "修", "陽子",
    "和也", "智子", "聡", "裕子", "徹",
]
FOREIGN_SURNAMES = [
    "ウォーカー", "モレノ", "シュナイダー", "ベルナール", "コワルスキ", "ハミルトン",
    "グラント", "ヘイズ", "ロペス", "オルセン", "カーン", "サントス", "ミラー", "リード",
    "フィッシャー", "ブレナン",
]
FOREIGN_GIVEN = [
    "ジョン", "マリア", "トーマス", "アンナ", "デビッド", "ソフィー", "マイケル", "エレナ",
    "ロバート", "ルーカス",
]
COUNTRIES = [
    "米国", "米国", "米国", "英国", "フランス", "ドイツ", "韓国", "フィリピン",
    "オーストラリア", "インド", "ブラジル", "カナダ", "インドネシア", "ベトナム",
]
PREFECTURES = [
    "北海道", "宮城県", "新潟県", "静岡県", "愛知県", "兵庫県", "岡山県", "広島県",
    "福岡県", "熊本県", "長野県", "石川県", "群馬県", "鹿児島県",
]
CITIES = [
    "札幌市", "仙台市", "新潟市", "浜松市", "名古屋市", "神戸市", "岡山市", "広島市",
    "北九州市", "熊本市", "金沢市", "松本市", "高崎市", "鹿児島市",
]
COMPANIES = [
    "カナデ電子", "北辰重工", "みなと銀行", "東都ホールディングス", "大和精機", "さくら食品",
    "青葉製薬", "日進自動車", "光洋商事", "瑞穂ガス", "白鷺航空", "若葉通信",
]
# (company, product, price) for the new-product story; the company becomes {ORG}.
PRODUCTS = [
    ("カナデ電子", "AI通訳イヤホンの新モデル", "3万9800円"),
    ("カナデ電子", "ワイヤレスヘッドホン", "2万4800円"),
    ("日進自動車", "新型の電気自動車", "459万8000円"),
    ("日進自動車", "小型のハイブリッド車", "239万円"),
    ("大和精機", "家庭用の蓄電システム", "148万円"),
    ("大和精機", "小型の配送ロボット", "98万円"),
    ("若葉通信", "折りたたみ式のスマートフォン", "19万8000円"),
    ("若葉通信", "法人向けの生成AIサービス", "月額3300円"),
    ("さくら食品", "冷凍の総菜シリーズ", "1袋398円"),
    ("北辰重工", "家庭用の燃料電池", "165万円"),
]
THINK_TANKS = ["東都総合研究所", "みらい経済研究所", "大手町リサーチ", "日本経済調査センター"]
TEAMS = [
    "港北ブレイズ", "浜風シーガルズ", "東海ライナーズ", "白山イーグルス", "瀬戸内マリナーズ",
    "仙台フェニックス", "北都ベアーズ", "難波タイガース",
]
SCIENCE_ORGS = ["東都大学", "北斗宇宙機構", "関西科学技術大学", "海洋研究開発センター", "国立医療研究所"]

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

# The correct form -> what a speech-to-text engine produced instead.
GARBLES = {
    "返り咲き": "帰り先",
    "支援停止": "支援兵士",
    "早期妥結": "早期方面",
    "意外な結果": "以外な結果",
    "人事異動": "人事移動",
    "責任を追及": "責任を追求",
    "絶体絶命": "絶対絶命",
    "外相会談": "外傷会談",
    "日米同盟": "日米同名",
    "停戦合意": "停船合意",
    "首脳会談": "首脳階段",
    "日銀総裁": "日銀相殺",
}

# ---------------------------------------------------------------------------
# Shared sentence pools
# ---------------------------------------------------------------------------

GENERIC_SENTENCES = [
    "関係者によると、{TOPIC}をめぐる議論は{MONTH}月以降に本格化する見通しだ。",
    "専門家の間では、今回の判断が{TOPIC}に与える影響を懸念する声も上がっている。",
    "{ORG}の担当者は「状況を注意深く見守りたい」と話した。",
    "こうした動きを受けて、関係者の関心は今後の対応に集まっている。",
    "一方で、{TOPIC}については慎重な意見も根強い。",
    "今後は、具体的な制度設計や財源の確保が課題となる。",
    "SNS上では、今回の発表に対してさまざまな意見が寄せられている。",
    "{YEAR}年の同じ時期と比べると、状況は大きく変わっている。",
    "民間の調査会社の試算では、影響額は年間で約{OKU}に上る。",
    "{P氏}は記者団に対し、「できることはすべてやる」と強調した。",
    "こうした課題にどう向き合うかが、今後の焦点となるでしょう。",
    "今回の決定は、{TOPIC}をめぐる議論に一石を投じるものとなりました。",
    "ただ、具体的な時期や規模については明らかにしていない。",
    "地元では、今回の方針を歓迎する声と不安視する声が交錯している。",
    "世論調査では、回答者の{PCT2}が今回の対応を「評価する」と答えた。",
    "関係者の一人は「ここまで来るのに{YEARS}年かかった」と振り返った。",
    "{ORG}は、来年度以降も同様の取り組みを続ける考えだ。",
    "詳しい内容は、{MONTH}月中にも正式に公表される予定だ。",
    "背景には、人手不足や物価の上昇といった構造的な問題がある。",
    "状況の変化に対応しつつ、着実に取り組みを進めることが求められています。",
    "{P}の判断には、国内外から大きな注目が集まっています。",
    "今後の動向から目が離せません。",
    "ある関係者は「時間との勝負になる」と危機感をにじませた。",
    "取り組みの成果が問われるのは、むしろこれからだと言えそうだ。",
    "{ORG}の関係者は「想定より早い展開だ」と驚きを隠さなかった。",
    "今回の動きは、{TOPIC}をめぐる情勢の転換点になる可能性がある。",
    "{MONTH}月に公表された調査では、関心が「高い」と答えた人が{PCT2}に上った。",
    "専門家は「短期的な影響は限られるが、中長期では無視できない」と分析する。",
    "関係者によると、調整は{MONTH}月上旬まで続く見込みだ。",
    "国の有識者会議でも、{TOPIC}のあり方について議論が続いている。",
    "影響は地方の中小企業にも広がりつつある。",
    "これまでの経緯を振り返ると、議論は{YEARS}年前にさかのぼる。",
    "識者からは「説明が十分でない」との指摘も出ている。",
    "{P氏}の発言は、{TOPIC}の今後を占う材料として受け止められている。",
    "{ORG}は公式サイトで今回の内容を公表した。",
    "現場からは、実態に即した対応を求める声が上がっている。",
    "{YEAR}年度の予算には、関連経費として{OKU2}が計上されている。",
    "こうした状況は、当面続くとみられる。",
    "今回の発表を受けて、{ORG2}も対応の検討に入った。",
    "{TOPIC}に詳しい専門家は「冷静な議論が欠かせない」と話す。",
]

BLOG_INTROS = [
    "こんにちは！今回は{TOPIC}をめぐる重要なニュースについてお伝えします。",
    "今回は{P}をめぐる最新の動きについて、わかりやすくまとめました。",
    "皆さん、こんにちは！{TOPIC}に関する気になる話題をお届けします。",
]
BLOG_INTRO_TAILS = [
    "背景や今後の見通しについても詳しく見ていきましょう。",
    "ポイントを押さえながら解説していきます。",
    "最後までぜひご覧ください！",
]
BLOG_OUTROS = [
    "今回の記事は以上です。",
    "最後までお読みいただき、ありがとうございました。",
    "よかったらシェアしてね！",
    "今後も最新情報をお届けしていきます。",
]

# ---------------------------------------------------------------------------
# Domains
# ---------------------------------------------------------------------------


@dataclass
class Domain:
    name: str
    category: str
    tags: list[str]
    topics: list[str]
    # (headline template, lead template): both describe the same event.
    events: list[tuple[str, str]]
    # Headlines whose claims the body never supports.
    unsupported: list[str]
    headings: list[str]
    sentences: list[str]
    bullets: list[str]
    # (subject, object, affirmative verb, negative verb)
    stances: list[tuple[str, str, str, str]]


STANCE_SENTENCES = [
    "{SS}は{SO}を{SV}方針だ。",
    "{SS}は{SO}を{SV}考えを示した。",
    "{SS}は当面、{SO}を{SV}方針を明らかにした。",
    "関係者によると、{SS}は{SO}を{SV}方向で最終調整している。",
    "{SS}は{SO}を{SV}ことを正式に決めた。",
]
STANCE_BULLETS = [
    "{SS}は{SO}を{SV}方針を示している。",
    "{SS}は{SO}を{SV}考えだ。",
]

DOMAINS = [
    Domain(
        name="diplomacy",
        category="国際",
        tags=["外交", "安全保障"],
        topics=["関税", "防衛費の負担", "半導体の供給網", "経済安全保障", "重要鉱物の調達",
                "安全保障協力", "エネルギー協力", "自由貿易協定", "海洋安全保障"],
        events=[
            ("{P}、{P2}と電話会談　{TOPIC}で連携確認",
             "{COUNTRY}の{P}は{DATE}、{P2}と電話で会談し、{TOPIC}をめぐって緊密に連携していくことを確認した。"),
            ("{P2}、{COUNTRY}訪問へ　{TOPIC}の協議入りを調整",
             "{P2}は{DATE}、{MONTH}月にも{COUNTRY}を訪問し、{P}と{TOPIC}について協議を始める方向で調整に入った。"),
            ("{COUNTRY}、{TOPIC}で新方針　日本政府は対応急ぐ",
             "{COUNTRY}の{P}は{DATE}、{TOPIC}に関する新たな方針を発表した。日本政府は内容の分析と対応を急いでいる。"),
            ("{P}が{TOPIC}で日本に注文　{P2}「国益守る」",
             "{COUNTRY}の{P}は{DATE}、{TOPIC}をめぐって日本に一段の対応を求めた。これに対し{P2}は「国益を守るため粘り強く交渉する」と述べた。"),
        ],
        unsupported=[
            "{P}が{P2}の提案を拒否！",
            "{P}、日本との同盟破棄を示唆",
            "{COUNTRY}との交渉が決裂　{P}が席を立つ",
            "{P}、{TOPIC}で日本に全面譲歩",
        ],
        headings=["会談の内容", "{TOPIC}をめぐる交渉", "日本政府の対応", "同盟関係への影響",
                  "専門家の見方", "今後の日程", "安全保障環境の変化", "経済関係への波及",
                  "国内の反応", "今後の焦点", "過去の経緯", "議会の動き"],
        sentences=[
            "日本政府は、{P}の発言の真意を慎重に見極める構えだ。",
            "{P}は1期目にも、同盟国に{TOPIC}の負担増を求めた経緯がある。",
            "両国は{G:外相会談}を{MONTH}月に開き、具体的な協議に入る方向で調整している。",
            "{P2}は「{ALLIANCE}は地域の平和と安定の礎だ」と述べ、連携の重要性を強調した。",
            "外務省幹部は「相手の出方を見ながら、冷静に対応する」と語った。",
            "{COUNTRY}側は、日本に対して防衛費のさらなる増額を求める可能性がある。",
            "中東情勢をめぐっては、両国が{G:停戦合意}の履行を関係国に働きかけることで一致した。",
            "{P}は{G:支援停止}を示唆しており、欧州各国にも警戒感が広がっている。",
            "{COUNTRY}政府が{G:支援停止}に踏み切れば、ウクライナの戦況に大きな影響が出るとの見方もある。",
            "両国は{TOPIC}をめぐる交渉の{G:早期妥結}を目指す。",
            "日本政府は{G:早期妥結}に向けた調整を進める方針だ。",
            "{P}の{G:返り咲き}に備え、日本政府は閣僚経験者やシンクタンクとの人脈づくりを進めてきた。",
            "{G:首脳会談}は{MONTH}月下旬に開かれる見通しだ。",
            "政府関係者は「同盟の抑止力を損なわないことが最優先だ」と話している。",
            "アジアの安全保障環境は年々厳しさを増しており、日本は防衛力の強化を急いでいる。",
            "中国の軍事力の増強や北朝鮮のミサイル発射が続くなか、地域のリスクは高まっている。",
            "{COUNTRY}の議会でも、{TOPIC}をめぐって与野党の意見が割れている。",
            "{P2}は国会で「国益を守るため、粘り強く交渉する」と答弁した。",
            "野党は政府の{G:責任を追及}する構えで、国会審議の焦点となりそうだ。",
            "両国の貿易額は昨年、過去最高の{OKU}に達した。",
            "外交筋によると、共同声明の文言をめぐる調整は最終盤に入っている。",
            "{P}は選挙戦で自国第一を掲げ、多国間の枠組みよりも二国間の取引を重視する姿勢を示してきた。",
            "防衛省幹部は、アジア情勢が悪化するなかでも二国間の関係は揺るがないとの見方を示した。",
            "北朝鮮問題では、拉致問題の進展が停滞するとの懸念も根強い。",
            "政府は、主要7か国（G7）の枠組みでの協力も維持する考えだ。",
            "政界への{G:返り咲き}を果たした{P}の言動に、各国は神経をとがらせている。",
            "{P2}は{MONTH}月に予定される国際会議で、{P}と直接会談したい考えだ。",
            "{COUNTRY}国内では、物価の高止まりへの不満が政権への逆風となっている。",
            "経済界からは、{TOPIC}をめぐる先行きの不透明感を懸念する声が出ている。",
            "外務省は、在外公館を通じて情報の収集を急いでいる。",
        ],
        bullets=[
            "{P}は{TOPIC}をめぐって日本との連携を重視する姿勢を示した。",
            "日本政府は{P}との関係構築を急いでいる。",
            "{P2}は国益を守るため粘り強く交渉する考えを示した。",
            "アジアの安全保障環境が厳しさを増すなか、同盟の強化が課題となっている。",
            "{TOPIC}をめぐる協議の行方に注目が集まっている。",
        ],
        stances=[
            ("{COUNTRY}政府", "関税", "引き上げる", "引き上げない"),
            ("日本政府", "対話", "継続する", "継続しない"),
            ("日本政府", "ウクライナへの支援", "継続する", "継続しない"),
            ("{COUNTRY}政府", "協定", "見直す", "見直さない"),
            ("{COUNTRY}政府", "輸出規制", "強化する", "強化しない"),
            ("日本政府", "制裁", "解除する", "解除しない"),
        ],
    ),
    Domain(
        name="monetary",
        category="経済",
        tags=["日銀", "金融政策", "物価"],
        topics=["物価の基調", "円安の影響", "賃上げの動向", "国債の買い入れ", "海外経済の先行き"],
        events=[
            ("日銀、追加利上げを決定　政策金利を{RATE}%に",
             "日本銀行は{DATE}、金融政策決定会合で追加利上げを決めた。政策金利を{RATE}%程度に引き上げる。"),
            ("日銀、金利据え置き　{P}「{TOPIC}を見極める」",
             "日本銀行は{DATE}、金融政策決定会合で政策金利を{RATE}%程度に据え置くことを決めた。"),
            ("{P}、{TOPIC}に言及　市場で早期利上げ観測",
             "日本銀行の{P}は{DATE}、都内で講演し、{TOPIC}について「注意深く点検していく」と述べた。"),
        ],
        unsupported=[
            "日銀、マイナス金利を再導入へ",
            "{P}が辞任を表明",
            "日銀、{YEN}円で為替介入を決断",
        ],
        headings=["会合の結果", "利上げ判断の背景", "総裁会見での説明", "市場の反応",
                  "家計と企業への影響", "物価と賃金の動向", "今後の金融政策", "政府の受け止め",
                  "{TOPIC}をめぐる議論"],
        sentences=[
            "採決では政策委員9人のうち8人が賛成し、賛成多数で可決された。",
            "{P}は会合後の記者会見で「経済と物価の見通しが実現していけば、引き続き金融緩和の度合いを調整していく」と説明した。",
            "{G:日銀総裁}の発言を受けて、外国為替市場では円相場が一時1ドル={YEN}円台まで上昇した。",
            "{MONTH}月の消費者物価指数は前年同月比で{PCT}上昇した。",
            "春闘では平均賃上げ率が{PCT}となり、{N}年連続の高水準となった。",
            "住宅ローンの変動金利も上昇する見通しで、家計への影響が懸念される。",
            "市場関係者の間では、次の利上げは{MONTH}月との見方が広がっている。",
            "日経平均株価は一時、前日比{NNN}円安となった。",
            "財務省の幹部は「市場の動向を緊張感を持って注視する」と話した。",
            "銀行各社は預金金利の引き上げを相次いで発表している。",
            "{TANK}の試算では、利上げによる企業の利払い負担は年間{OKU}増える。",
            "企業の価格転嫁が進み、物価目標の実現に向けた道筋がより確かになったと判断した。",
            "円安による輸入物価の上昇は、食料品やエネルギーの値上がりを通じて家計の負担感を強めている。",
            "日銀は{MONTH}月1日付の{G:人事異動}を発表した。",
            "今回の会合では、政策委員の一人が金利の据え置きを提案したが、否決された。",
            "{P2}は閣議後の記者会見で「日銀には政府と緊密に連携し、適切な政策運営を期待する」と述べた。",
            "{P}は次の利上げの時期について、「会合ごとにデータを点検し、その都度判断する」と述べるにとどめた。",
            "中小企業の間でも、人手不足を背景に賃金を引き上げる動きが広がっている。",
            "物価の上振れリスクに早めに備える必要があるとの意見が会合で相次いだ。",
            "長期金利の指標となる10年物国債の利回りは一時{RATE2}%まで上昇した。",
            "労使交渉は{G:早期妥結}を目指して続いている。",
            "外国為替市場では、日米の金利差に注目した取引が続いている。",
            "国内の景気は緩やかに回復しているものの、個人消費には弱さも残る。",
            "{P}は国会に参考人として出席し、金融政策の考え方を説明した。",
            "エコノミストの多くは、今回の決定を予想していた。",
            "企業の設備投資は堅調で、人手不足を補う省力化投資が目立つ。",
            "海外では、米連邦準備制度理事会（FRB）が利下げを続けている。",
            "{TANK}のエコノミストは「利上げのペースは緩やかになる」とみている。",
            "家計の金融資産は過去最高の{OKU}を超えた。",
            "地方銀行の間では、貸出金利の引き上げを検討する動きが出ている。",
            "{P}は「賃金と物価の好循環が強まっている」と述べた。",
            "市場では国債の売りが広がり、長期金利が上昇した。",
            "政府は、物価高への対策として追加の経済対策を検討している。",
        ],
        bullets=[
            "日銀は今回の会合で金融政策の方針を決めた。",
            "{P}は今後の利上げの時期について言及を控えた。",
            "物価の上昇と賃上げの動向が判断の焦点となっている。",
            "預金金利や住宅ローン金利を通じて、家計と企業に影響が広がる。",
        ],
        stances=[
            ("日銀", "国債の買い入れ", "減額する", "減額しない"),
            ("政府", "電気・ガス料金の補助金", "延長する", "延長しない"),
            ("日銀", "上場投資信託の売却", "開始する", "開始しない"),
            ("政府", "為替介入", "実施する", "実施しない"),
        ],
    ),
    Domain(
        name="business",
        category="経済",
        tags=["企業", "決算", "新製品"],
        topics=["海外展開", "価格戦略", "国内生産", "人材確保", "脱炭素への対応"],
        events=[
            ("{ORG}、{PRODUCT}を発表　{MONTH}月に発売",
             "{ORG}は{DATE}、{PRODUCT}を発表した。{MONTH}月{DAY}日に発売し、価格は{PRICE}（税込み）とする。"),
            ("{ORG}の純利益{PCT}増　{YEAR}年3月期決算",
             "{ORG}が{DATE}発表した{YEAR}年3月期の連結決算は、純利益が前期比{PCT}増の{OKU}だった。"),
            ("{ORG}、{ORG2}を買収　約{OKU}で",
             "{ORG}は{DATE}、同業の{ORG2}を約{OKU}で買収すると発表した。"),
        ],
        unsupported=[
            "{ORG}、国内事業から完全撤退へ",
            "{P}が引責辞任！",
            "{ORG}、過去最大の赤字に転落",
        ],
        headings=["新製品の特徴", "開発の狙い", "価格と販売計画", "業績の概要", "市場の反応",
                  "競合との比較", "経営陣の説明", "今後の成長戦略", "{TOPIC}への取り組み"],
        sentences=[
            "{P}は記者会見で「顧客の期待に応える製品に仕上がった」と自信を見せた。",
            "{ORG}は{MONTH}月1日付の{G:人事異動}を発表し、{P2}が新たに事業本部長に就く。",
            "株主総会では経営陣の{G:責任を追及}する声が相次いだ。",
            "業績不振が続き、同社は数年前、{G:絶体絶命}の状況に追い込まれていた。",
            "労使交渉は{G:早期妥結}を目指して続いている。",
            "売上高は前期比{PCT}増の{OKU}だった。",
            "円安を追い風に、海外事業の利益が大きく伸びた。",
            "原材料価格の高騰が続き、収益を圧迫している。",
            "同社は{YEAR2}年度までに国内外で{NN}万台の販売を目指す。",
            "競合する{ORG2}も同様の製品を投入しており、競争は激しさを増している。",
            "生産は{PLACE}の工場で行い、月産{NN}万台の体制を整える。",
            "アナリストの間では、今後の成長性を評価する声が多い。",
            "同社の株価は発表後、前日比{PCT}上昇した。",
            "人手不足を背景に、省力化への投資需要が拡大している。",
            "{P2}によると、開発チームは試作機を{NN}台以上製作し、改良を重ねたという。",
            "消費者調査は{G:意外な結果}となり、若年層よりも高齢層の購入意欲が高かった。",
            "同社は{TOPIC}を経営の柱に据え、{YEAR2}年度までに{OKU}を投じる計画だ。",
            "法人向けには、複数台をまとめて導入できる月額制のプランも用意する。",
            "{P}は「{TOPIC}で後れを取れば、生き残りは難しい」と危機感を示した。",
            "メーカー保証の期間は、前モデルの1年から2年に延ばした。",
            "{ORG}は{YEAR2}年度に売上高{OKU}を目指す中期経営計画を掲げている。",
            "新たな工場の建設には約{OKU2}を投じる。",
            "販売は全国の家電量販店と同社のオンラインストアで行う。",
            "同社は{TOPIC}の強化に向けて、今後{N}年で{NNN}人を採用する計画だ。",
            "海外売上高の比率は{PCT2}に高まった。",
            "{P}は「価格だけでなく、品質で選ばれる企業を目指す」と述べた。",
            "部品の供給不足は解消に向かっているという。",
            "同社の前年の営業利益は{OKU2}だった。",
            "競争力の維持には、研究開発への継続的な投資が欠かせない。",
        ],
        bullets=[
            "{ORG}は{TOPIC}を重視した戦略を打ち出した。",
            "{P}は今後の成長に自信を示した。",
            "競合との競争が激しさを増している。",
            "原材料価格の高騰が収益の重荷となっている。",
        ],
        stances=[
            ("{ORG}", "値上げ", "実施する", "実施しない"),
            ("{ORG}", "国内工場", "閉鎖する", "閉鎖しない"),
            ("{ORG}", "海外生産", "拡大する", "拡大しない"),
            ("{ORG}", "新卒採用", "増やす", "増やさない"),
        ],
    ),
    Domain(
        name="local",
        category="地域",
        tags=["選挙", "地方自治"],
        topics=["再開発計画", "新アリーナの建設", "路線バスの再編", "県立病院の統合",
                "子育て支援策", "水道料金の改定"],
        events=[
            ("{PLACE}知事選　{P氏}が当選",
             "任期満了に伴う{PLACE}知事選は{DATE}投開票され、無所属の{P氏}が新人{N}人を破って当選した。"),
            ("{PLACE}、{TOPIC}の計画見直しへ　{P}が表明",
             "{PLACE}の{P}は{DATE}の定例記者会見で、{TOPIC}に関する計画を見直す考えを明らかにした。"),
            ("{CITY}の{TOPIC}、住民説明会で反対意見相次ぐ",
             "{CITY}は{DATE}、{TOPIC}に関する住民説明会を開いた。参加者からは反対や懸念の意見が相次いだ。"),
        ],
        unsupported=[
            "{P}が出馬断念を表明",
            "{PLACE}、{TOPIC}を白紙撤回",
            "{CITY}の{P2}、不信任決議で失職",
        ],
        headings=["選挙戦の構図", "開票結果", "争点となった{TOPIC}", "県議会の反応", "住民の声",
                  "財政への影響", "今後の課題", "市の対応"],
        sentences=[
            "投票率は{PCT2}で、前回を{N}ポイント上回った。",
            "開票の結果は{G:意外な結果}となり、陣営には驚きが広がった。",
            "県議会では{P}の{G:責任を追及}する質問が相次いだ。",
            "{P}は「県民の声に丁寧に耳を傾けたい」と述べた。",
            "{CITY}の{P2}も、県と連携して取り組む考えを示した。",
            "事業費は当初の見込みから約{OKU2}膨らんでいる。",
            "住民説明会には約{COUNT}人が参加し、賛否両論の意見が出された。",
            "政界への{G:返り咲き}を狙う動きも出ている。",
            "{P氏}は{YEARS}年ぶりの{G:返り咲き}を目指していた。",
            "人口減少と高齢化が進むなか、財源の確保が課題となっている。",
            "県は{MONTH}月議会に関連予算案を提出する方針だ。",
            "市民団体は計画の撤回を求める署名{COUNT}筆を提出した。",
            "選挙戦では、{TOPIC}の是非が最大の争点となった。",
            "{P}は、国や近隣の自治体とも協議を進める考えを示した。",
            "地元の商店街からは、にぎわいの回復に期待する声が上がる。",
            "県の担当者は「丁寧な説明を重ねたい」と話している。",
            "県は{MONTH}月1日付の{G:人事異動}で、担当部署の体制を強化した。",
            "{P}は就任後初めての予算編成で、{TOPIC}を重点施策に位置づけた。",
            "県の試算では、計画の完了までに約{OKU2}が必要になる。",
            "{CITY}の{P2}は「市民の理解を得ながら進めたい」と述べた。",
            "反対派の住民は「十分な説明がないまま進められている」と批判している。",
            "県議会の最大会派は、計画に一定の理解を示している。",
            "財政調整基金の残高は{OKU2}まで減っている。",
            "県は{MONTH}月にも有識者会議を設け、課題を整理する。",
            "若い世代の流出を食い止めることが、県の長年の課題となっている。",
            "隣接する自治体との広域連携も検討されている。",
            "{P}は記者団に「最終的には県民の判断を仰ぎたい」と語った。",
            "地元紙の世論調査では、計画に「賛成」が{PCT2}、「反対」が{PCT2}だった。",
        ],
        bullets=[
            "{P}は{TOPIC}について県民への説明を重ねる考えを示した。",
            "{TOPIC}をめぐっては住民の間で賛否が分かれている。",
            "財源の確保が今後の課題となっている。",
            "{CITY}も県と連携して取り組む。",
        ],
        stances=[
            ("県", "計画", "見直す", "見直さない"),
            ("県", "事業", "継続する", "継続しない"),
            ("市", "補助制度", "延長する", "延長しない"),
            ("{P}", "住民投票", "実施する", "実施しない"),
        ],
    ),
    Domain(
        name="disaster",
        category="社会",
        tags=["気象", "防災"],
        topics=["台風", "記録的な大雨", "大雪", "河川の氾濫", "土砂災害"],
        events=[
            ("台風{TY}号、{PLACE}に上陸　{CITY}で避難指示",
             "強い台風{TY}号は{DATE}、{PLACE}に上陸した。{CITY}は市内全域に避難指示を出した。"),
            ("{PLACE}で記録的大雨　{CITY}で川が氾濫",
             "活発な前線の影響で、{PLACE}では{DATE}、記録的な大雨となった。{CITY}では川が氾濫し、住宅が浸水した。"),
            ("{PLACE}で大雪　{CITY}の交通まひ続く",
             "強い寒気の影響で、{PLACE}では{DATE}から大雪が続いている。{CITY}では交通の混乱が続いている。"),
        ],
        unsupported=[
            "{CITY}で死者{NN}人、被害拡大",
            "政府、{PLACE}に激甚災害を指定へ",
        ],
        headings=["被害の状況", "交通への影響", "自治体の対応", "避難の状況", "気象庁の見解",
                  "復旧の見通し", "専門家の指摘"],
        sentences=[
            "気象庁によると、{PLACE}では24時間の降水量が{NNN}ミリに達し、観測史上最大となった。",
            "{CITY}の{P}は「命を守る行動を最優先にしてほしい」と呼びかけた。",
            "{PLACE}の{P2}は自衛隊に災害派遣を要請した。",
            "JRは在来線の一部区間で運転を見合わせている。",
            "停電は最大で約{MAN}戸に及んだ。",
            "避難所には{COUNT}人以上が身を寄せている。",
            "逃げ遅れた住民が取り残され、{G:絶体絶命}の状況から救助された例もあった。",
            "気象庁は土砂災害や河川の氾濫に引き続き厳重な警戒を呼びかけている。",
            "住宅の浸水被害は{NNN}棟を超えた。",
            "{CITY}は{MONTH}月中にも復旧計画をまとめる方針だ。",
            "被害額は{OKU2}を超える見込みだ。",
            "専門家は「温暖化の影響で、短時間に強い雨が降る頻度が増えている」と指摘する。",
            "防災の専門家は、ハザードマップで自宅周辺の危険を確認しておくよう呼びかけている。",
            "高速道路は一部区間で通行止めが続いている。",
            "{CITY}の災害対策本部には、全国の自治体から応援の職員が駆けつけた。",
            "被災地では断水が続き、給水車の前に長い列ができた。",
            "{CITY}では、土砂崩れで道路が寸断され、{N}つの地区が孤立した。",
            "{PLACE}は災害救助法の適用を決めた。",
            "気象庁は{DATE}に記者会見を開き、「経験したことのない大雨になるおそれがある」と警告した。",
            "農業被害も広がり、収穫前の果樹や野菜が水につかった。",
            "ボランティアの受け付けは{MONTH}月から始まる予定だ。",
            "{CITY}の避難所では、段ボールベッドなどの設置が進められている。",
            "国土交通省は、堤防の決壊箇所の応急工事を急いでいる。",
            "{P}は記者団に「被災者の生活再建に全力を挙げる」と述べた。",
            "航空各社は{PLACE}発着の便を中心に{NN}便の欠航を決めた。",
            "学校の多くは臨時休校となった。",
            "高齢者施設では、入所者を別の施設に移す作業が続いた。",
            "政府は関係閣僚会議を開き、被害状況の把握を急ぐよう指示した。",
            "{PLACE}の{P2}は現地を視察し、被災者から話を聞いた。",
        ],
        bullets=[
            "{PLACE}では{TOPIC}による被害が広がっている。",
            "{CITY}は住民に安全の確保を呼びかけている。",
            "交通機関の乱れが続いている。",
            "気象庁は引き続き厳重な警戒を呼びかけている。",
        ],
        stances=[
            ("{CITY}", "避難指示", "解除する", "解除しない"),
            ("{CITY}", "休校措置", "延長する", "延長しない"),
            ("県", "復旧工事", "前倒しする", "前倒ししない"),
        ],
    ),
    Domain(
        name="sports",
        category="スポーツ",
        tags=["プロ野球"],
        topics=["リーグ優勝", "クライマックスシリーズ", "若手の育成", "投手陣の再建"],
        events=[
            ("{TEAM}、{TEAM2}を破り{YEARS}年ぶり優勝",
             "プロ野球の{TEAM}は{DATE}、{TEAM2}に{S1}対{S2}で勝ち、{YEARS}年ぶりのリーグ優勝を決めた。"),
            ("{TEAM}、{P}が来季も指揮",
             "プロ野球の{TEAM}は{DATE}、{P}が来季も指揮を執ると発表した。"),
            ("{TEAM}が逆転勝ち　{P2}が決勝打",
             "プロ野球の{TEAM}は{DATE}、{TEAM2}に{S1}対{S2}で逆転勝ちした。{P2}が八回に決勝打を放った。"),
        ],
        unsupported=[
            "{P}が電撃辞任！",
            "{P2}、メジャー移籍が決定",
            "{TEAM}、球団売却へ",
        ],
        headings=["試合の経過", "勝負を分けた場面", "監督の談話", "主力選手の活躍",
                  "今季の戦いぶり", "ファンの反応", "来季への課題"],
        sentences=[
            "{TEAM}は九回に{G:絶体絶命}のピンチを迎えたが、救援陣が踏ん張った。",
            "試合は{G:意外な結果}に終わり、スタンドはどよめきに包まれた。",
            "先発した投手は7回を投げて{N}安打無失点に抑え、今季{NN}勝目を挙げた。",
            "{P}は「選手一人ひとりが役割を果たしてくれた」と振り返った。",
            "本拠地の球場には約{MAN}人のファンが詰めかけた。",
            "{TEAM2}は先発投手が立ち上がりに崩れ、反撃も及ばなかった。",
            "今季の{TEAM}は、若手の台頭と堅い守りで白星を重ねてきた。",
            "球団は{MONTH}月1日付の{G:人事異動}を発表し、編成部門を強化する。",
            "{P2}は今季、打率3割{N}分、本塁打{NN}本の成績を残した。",
            "{P2}は「チームの勝利に貢献できてうれしい」と笑顔を見せた。",
            "開幕直後は{N}連敗を喫するなど、苦しい戦いが続いた。",
            "{TOPIC}に向けて、チームは{MONTH}月から調整を本格化させる。",
            "球団の担当者は「ファンの応援が選手の力になった」と感謝を述べた。",
            "{TEAM}は初回に{N}点を先制し、主導権を握った。",
            "中盤には{TEAM2}が反撃し、一時は1点差まで詰め寄った。",
            "{P}は試合後、「苦しい時期を全員で乗り越えた」と語った。",
            "救援陣は今季、リーグ屈指の防御率を記録している。",
            "守備では、遊撃手の好プレーが何度もチームを救った。",
            "{TEAM2}の監督は「相手の勢いを止められなかった」と悔しさをにじませた。",
            "テレビ中継の視聴率は{PCT2}を記録した。",
            "チームは{MONTH}月に秋季キャンプを行い、若手の強化に取り組む。",
            "今季の観客動員数は約{NNN}万人で、球団の記録を更新した。",
            "{P2}は今季、チーム最多の{NNN}試合に出場した。",
            "地元の商店街では、優勝を記念したセールが開かれている。",
            "けが人が相次いだ時期もあったが、控え選手が穴を埋めた。",
            "{P}は就任{N}年目で、チームの立て直しを進めてきた。",
        ],
        bullets=[
            "{TEAM}は{TOPIC}に向けて弾みをつけた。",
            "{P}は選手の奮闘をたたえた。",
            "{P2}が攻守で存在感を示した。",
            "来季に向けた課題も浮き彫りになった。",
        ],
        stances=[
            ("球団", "{P}との契約", "延長する", "延長しない"),
            ("球団", "外国人選手の補強", "見送る", "見送らない"),
            ("球団", "移籍", "容認する", "容認しない"),
        ],
    ),
    Domain(
        name="science",
        category="科学",
        tags=["研究", "宇宙", "医療"],
        topics=["小惑星探査", "新型電池の開発", "認知症の新薬", "量子コンピューター", "深海の微生物"],
        events=[
            ("{ORG}の研究チーム、{TOPIC}で新発見",
             "{ORG}の研究チームは{DATE}、{TOPIC}に関する新たな発見をしたと発表した。"),
            ("{ORG}、{TOPIC}の実証実験を開始",
             "{ORG}は{DATE}、{TOPIC}の実証実験を始めたと発表した。"),
        ],
        unsupported=[
            "{ORG}、がんの完全治療法を確立",
            "{P2}がノーベル賞内定",
        ],
        headings=["研究の概要", "発見の意義", "研究チームの説明", "実用化への課題",
                  "海外の反応", "今後の計画"],
        sentences=[
            "研究成果は英科学誌に{DATE}付で掲載された。",
            "研究チームは{YEARS}年にわたってデータを集め、解析を進めてきた。",
            "解析は{G:意外な結果}となり、従来の定説を覆す可能性がある。",
            "{P2}は「基礎研究の積み重ねが実を結んだ」と話している。",
            "実用化には、コストの低減や安全性の検証が課題となる。",
            "研究には国内外の{NN}の機関が参加した。",
            "計画は予算不足で一時{G:絶体絶命}の状況に陥ったが、寄付で継続が決まった。",
            "{ORG}は{MONTH}月1日付の{G:人事異動}で研究体制を強化する。",
            "{P}は「成果を社会に還元したい」と述べた。",
            "海外の研究者からも、今回の成果を評価する声が上がっている。",
            "研究チームは今後、より大規模な検証を進める方針だ。",
            "研究チームは{TOPIC}の仕組みを解明するため、{NN}種類の試料を比較した。",
            "今回の手法は、従来よりも{N}倍速く結果を得られるという。",
            "{P}は記者会見で「若手研究者の粘り強い努力の成果だ」と語った。",
            "国の研究予算は伸び悩んでおり、研究者の確保が課題となっている。",
            "研究チームは{YEAR2}年度までに臨床試験や実証を始めることを目指す。",
            "同様の研究は欧米でも進んでおり、国際的な競争が激しくなっている。",
            "研究成果は、産業への応用も期待されている。",
            "{ORG2}との共同研究も{MONTH}月から始まる予定だ。",
            "観測データは{NNN}テラバイトに及び、スーパーコンピューターで解析した。",
            "研究チームによると、再現性を確かめる追加の実験も成功した。",
            "{P2}は「次の世代に研究をつなぐことが大切だ」と強調した。",
            "研究に使った装置は、国内の企業と共同で開発した。",
        ],
        bullets=[
            "{ORG}は{TOPIC}に関する成果を発表した。",
            "実用化にはコストや安全性の課題が残る。",
            "{P2}は基礎研究の重要性を強調した。",
        ],
        stances=[
            ("{ORG}", "打ち上げ", "延期する", "延期しない"),
            ("{ORG}", "実験", "継続する", "継続しない"),
            ("{ORG}", "データ", "公開する", "公開しない"),
        ],
    ),
]

# Roles: (title, former allowed, foreign name)
ROLE_BY_DOMAIN = {
    "diplomacy": (("大統領", True, True), ("首相", False, False)),
    "monetary": (("総裁", False, False), ("財務相", False, False)),
    "business": (("社長", True, False), ("常務", False, False)),
    "local": (("知事", True, False), ("市長", False, False)),
    "disaster": (("市長", False, False), ("知事", False, False)),
    "sports": (("監督", True, False), ("選手", False, False)),
    "science": (("理事長", True, False), ("教授", False, False)),
}

# Private-use markers, removed before writing.
T_OPEN, T_CLOSE = "\ue000", "\ue001"      # around P's title: 森川\ue000前首相\ue001
S_OPEN, S_CLOSE = "\ue002", "\ue003"      # around the stance verb
MARKERS_RE = re.compile("[\ue000-\ue003]")


@dataclass
class Person:
    surname: str
    given: str
    title: str
    former: bool
    foreign: bool
    mentioned: bool = False

    def full(self) -> str:
        return f"{self.given}・{self.surname}" if self.foreign else f"{self.surname}{self.given}"


@dataclass
class Rates:
    garble: float
    title_conflict: float
    polarity_conflict: float
    repeat: float
    unsupported_headline: float


@dataclass
class Story:
    """The facts one article (or one block of the large document) is about."""

    rng: random.Random
    domain: Domain
    rates: Rates
    fullwidth_dates: bool
    slots: dict[str, str] = field(default_factory=dict)
    p: Person | None = None
    p2: Person | None = None
    stance: tuple[str, str, str, str] | None = None
    defects: list[dict] = field(default_factory=list)
    decks: dict[str, list[str]] = field(default_factory=dict)
    event_numbers: dict[str, str] = field(default_factory=dict)


def make_story(rng: random.Random, rates: Rates, domain: Domain | None = None) -> Story:
    d = domain or rng.choice(DOMAINS)
    st = Story(rng=rng, domain=d, rates=rates, fullwidth_dates=rng.random() < 0.4)
    (t1, former_ok, foreign), (t2, _, _) = ROLE_BY_DOMAIN[d.name]
    surnames = rng.sample(JP_SURNAMES, 2)
    if foreign:
        st.p = Person(rng.choice(FOREIGN_SURNAMES), rng.choice(FOREIGN_GIVEN), t1,
                      former_ok and rng.random() < 0.35, True)
    else:
        st.p = Person(surnames[0], rng.choice(JP_GIVEN), t1, former_ok and rng.random() < 0.3, False)
    st.p2 = Person(surnames[1], rng.choice(JP_GIVEN), t2, False, False)
    year = rng.choice([2025, 2026])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    company, product, price = rng.choice(PRODUCTS)
    company2 = rng.choice([c for c in COMPANIES if c != company])
    team, team2 = rng.sample(TEAMS, 2)
    s1 = rng.randint(2, 9)
    st.slots = {
        "COUNTRY": rng.choice(COUNTRIES),
        "PLACE": rng.choice(PREFECTURES),
        "CITY": rng.choice(CITIES),
        "TOPIC": rng.choice(d.topics),
        "PRODUCT": product,
        "TEAM": team,
        "TEAM2": team2,
        "S1": str(s1),
        "S2": str(rng.randint(0, s1 - 1)),
        "TANK": rng.choice(THINK_TANKS),
        "YEAR": str(year),
        "YEAR2": str(year + rng.randint(2, 5)),
        "DATE": f"{year}年{month}月{day}日",
        "RATE": rng.choice(["0.75", "1", "1.25", "1.5"]),
        "RATE2": f"{rng.randint(12, 24) / 10:.1f}",
        "TY": str(rng.randint(5, 24)),
        "PRICE": price,
    }
    if d.name == "business":
        st.slots["ORG"], st.slots["ORG2"] = company, company2
    elif d.name == "science":
        st.slots["ORG"], st.slots["ORG2"] = rng.sample(SCIENCE_ORGS, 2)
    elif d.name == "monetary":
        st.slots["ORG"], st.slots["ORG2"] = "日銀", st.slots["TANK"]
    elif d.name in ("local", "disaster"):
        st.slots["ORG"], st.slots["ORG2"] = st.slots["PLACE"], st.slots["CITY"]
    elif d.name == "sports":
        st.slots["ORG"], st.slots["ORG2"] = team, team2
    else:
        st.slots["ORG"], st.slots["ORG2"] = "政府", "外務省"
    if st.fullwidth_dates:
        st.slots["DATE"] = st.slots["DATE"].translate(FULLWIDTH)
    st.stance = rng.choice(d.stances)
    return st


def number_slot(rng: random.Random, name: str) -> str | None:
    if name == "N":
        return str(rng.randint(2, 9))
    if name == "NN":
        return str(rng.randint(10, 99))
    if name == "NNN":
        return str(rng.randint(100, 900))
    if name == "PCT":
        return f"{rng.randint(5, 150) / 10:.1f}%"
    if name == "PCT2":
        return f"{rng.randint(300, 650) / 10:.2f}%"
    if name == "OKU":
        cho, oku = rng.randint(0, 3), rng.randint(1, 99) * 100
        return f"{cho}兆{oku}億円" if cho else f"{oku}億円"
    if name == "OKU2":
        return f"{rng.randint(3, 90) * 10}億円"
    if name == "MAN":
        return f"{rng.randint(1, 9)}万{rng.choice(['', '2000', '5000', '8000'])}"
    if name == "COUNT":
        return str(rng.randint(1, 50) * 100)
    if name == "YEARS":
        return str(rng.randint(2, 30))
    if name == "MONTH":
        return str(rng.randint(1, 12))
    if name == "DAY":
        return str(rng.randint(1, 28))
    if name == "YEN":
        return str(rng.randint(135, 162))
    return None


SLOT_RE = re.compile(r"\{([^{}]+)\}")


def render(st: Story, template: str, *, headline: bool = False, stance_slot: bool = True,
           event: bool = False) -> str:
    """Fill a template. Person slots keep their title inside markers (for title conflicts).
    With event=True, number slots take the story's fixed values, so that the headline and the
    lead agree on the figures of the event."""
    rng = st.rng

    def person(p: Person, with_title: bool) -> str:
        title = ("前" if p.former else "") + p.title
        marked = f"{T_OPEN}{title}{T_CLOSE}" if p is st.p else title
        if headline:
            return p.surname + (marked if with_title else "氏")
        name = p.surname
        if not p.mentioned:
            p.mentioned = True
            name = p.full()
        return name + (marked if with_title else "氏")

    def slot(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("G:"):
            correct = name[2:]
            if rng.random() < st.rates.garble:
                st.defects.append({"type": "garble", "wrong": GARBLES[correct], "correct": correct})
                return GARBLES[correct]
            return correct
        if name in ("P", "P氏"):
            return person(st.p, name == "P")
        if name in ("P2", "P2氏"):
            return person(st.p2, name == "P2")
        if name == "ALLIANCE":
            return "{G:日米同盟}" if st.slots["COUNTRY"] == "米国" else f"日本と{st.slots['COUNTRY']}の協力関係"
        if name in ("SS", "SO"):
            return st.stance[0] if name == "SS" else st.stance[1]
        if name == "SV":
            return f"{S_OPEN}{st.stance[2]}{S_CLOSE}" if stance_slot else st.stance[2]
        if name in st.slots:
            return st.slots[name]
        if event and name in st.event_numbers:
            return st.event_numbers[name]
        value = number_slot(rng, name)
        if event and value is not None:
            st.event_numbers[name] = value
        if value is None:
            raise KeyError(f"unknown slot {{{name}}} in {template!r}")
        return value

    text = template
    for _ in range(3):  # slots may expand to templates ({ALLIANCE} -> {G:日米同盟})
        text = SLOT_RE.sub(slot, text)
        if "{" not in text:
            break
    return text


# ---------------------------------------------------------------------------
# Article structure
# ---------------------------------------------------------------------------


@dataclass
class Section:
    heading: str
    paragraphs: list[list[str]]  # sentences, still with markers


@dataclass
class Article:
    headline: str
    lead: list[str]
    bullets: list[str]
    sections: list[Section]
    closing: list[str]
    blog: bool
    domain: Domain
    date_iso: str
    defects: list[dict]


def body_sentence(st: Story) -> str | None:
    """Draw sentence templates without replacement (per story), so clean text has no repeats."""
    rng = st.rng
    if "domain" not in st.decks:
        for key, pool in (("domain", st.domain.sentences), ("generic", GENERIC_SENTENCES)):
            st.decks[key] = list(pool)
            rng.shuffle(st.decks[key])
    key = "domain" if rng.random() < 0.7 else "generic"
    if not st.decks[key]:
        key = "generic" if key == "domain" else "domain"
    if not st.decks[key]:  # both used up (only in very long stories)
        return None
    return render(st, st.decks[key].pop())


def stance_sentence(st: Story) -> str:
    deck = st.decks.setdefault("stance", [])
    if not deck:
        deck += STANCE_SENTENCES
        st.rng.shuffle(deck)
    return render(st, deck.pop())


def make_sections(st: Story, n_sections: int, used_headings: set[str]) -> list[Section]:
    rng = st.rng
    sections = []
    headings = [render(st, h, headline=True) for h in st.domain.headings]
    rng.shuffle(headings)
    for i in range(n_sections):
        heading = headings[i % len(headings)]
        if heading in used_headings:
            heading = f"{heading}（{len(used_headings) + 1}）"
        used_headings.add(heading)
        paragraphs = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            n = rng.randint(2, 5)
            sents: list[str] = []
            tries = 0
            while len(sents) < n and tries < 20:
                tries += 1
                s = body_sentence(st)
                if s is None:
                    break
                if s not in sents:
                    sents.append(s)
            if sents:
                paragraphs.append(sents)
        if not paragraphs:
            paragraphs.append([render(st, "{ORG}は今後も状況を注視する方針だ。")])
        sections.append(Section(heading, paragraphs))
    # State the stance once in the body.
    sec = rng.choice(sections)
    para = rng.choice(sec.paragraphs)
    para.insert(rng.randint(0, len(para)), stance_sentence(st))
    return sections


def inject_story_defects(st: Story, sections: list[Section], lead: list[str], bullets: list[str],
                         headline: list[str]) -> None:
    """Title and polarity conflicts and repeated sentences inside one story."""
    rng = st.rng
    places = [headline, lead, bullets] + [p for s in sections for p in s.paragraphs]

    def marked(open_: str) -> list[tuple[list[str], int]]:
        return [(lst, i) for lst in places for i, s in enumerate(lst) if open_ in s]

    if rng.random() < st.rates.title_conflict:
        hits = marked(T_OPEN)
        extra = ["{P}の今後の言動にも注目が集まっている。", "{P}は記者団の質問には答えなかった。"]
        while len(hits) < 2:  # make sure there are two title mentions to disagree
            para = rng.choice(sections).paragraphs[-1]
            para.append(render(st, extra[len(hits)]))
            hits = marked(T_OPEN)
        lst, i = rng.choice(hits[1:]) if rng.random() < 0.7 else hits[0]
        p = st.p
        new_title = p.title if p.former else "前" + p.title
        old_title = ("前" if p.former else "") + p.title
        lst[i] = lst[i].replace(f"{T_OPEN}{old_title}{T_CLOSE}", f"{T_OPEN}{new_title}{T_CLOSE}", 1)
        st.defects.append({"type": "title_conflict", "person": p.surname,
                           "titles": [old_title, new_title]})

    if rng.random() < st.rates.polarity_conflict:
        hits = marked(S_OPEN)
        lst, i = rng.choice(hits)
        subj, obj, aff, neg = st.stance
        lst[i] = lst[i].replace(f"{S_OPEN}{aff}{S_CLOSE}", f"{S_OPEN}{neg}{S_CLOSE}", 1)
        st.defects.append({"type": "polarity_conflict", "object": obj, "verbs": [aff, neg]})

    if rng.random() < st.rates.repeat:
        paras = [p for s in sections for p in s.paragraphs]
        src_idx = rng.randrange(len(paras))
        sentence = rng.choice(paras[src_idx])
        dst = paras[rng.randrange(src_idx, len(paras))]
        dst.insert(rng.randint(0, len(dst)), sentence)
        st.defects.append({"type": "repeated_sentence", "sentence": MARKERS_RE.sub("", sentence)})


def make_article(rng: random.Random, rates: Rates) -> Article:
    st = make_story(rng, rates)
    d = st.domain
    unsupported = rng.random() < rates.unsupported_headline
    head_tpl, lead_tpl = rng.choice(d.events)
    if unsupported:
        head_tpl = rng.choice(d.unsupported)
    headline = render(st, head_tpl, headline=True, event=True)
    if unsupported:
        st.defects.append({"type": "unsupported_headline", "headline": MARKERS_RE.sub("", headline)})
    if rng.random() < 0.25 and not headline.endswith("！"):
        headline += "！"
    blog = rng.random() < 0.3
    lead = [render(st, lead_tpl, event=True)]
    lead.append(stance_sentence(st))
    lead += [x for x in (body_sentence(st) for _ in range(rng.randint(0, 2))) if x]
    if blog:
        lead = [render(st, rng.choice(BLOG_INTROS))] + lead + [rng.choice(BLOG_INTRO_TAILS)]
    bullets = [render(st, b) for b in rng.sample(d.bullets, min(len(d.bullets), rng.randint(2, 4)))]
    bullets.insert(rng.randint(0, len(bullets)), render(st, rng.choice(STANCE_BULLETS)))
    sections = make_sections(st, rng.randint(3, 8), set())
    headline_box = [headline]
    inject_story_defects(st, sections, lead, bullets, headline_box)
    closing = [x for x in (body_sentence(st) for _ in range(rng.randint(1, 3))) if x]
    if blog:
        closing = [rng.choice(BLOG_OUTROS)] + closing + ["よかったらシェアしてね！"]
    y, m, dd = (int(x) for x in re.findall(r"\d+", st.slots["DATE"].translate(
        str.maketrans("０１２３４５６７８９", "0123456789"))))
    return Article(headline_box[0], lead, bullets, sections, closing, blog, d,
                   f"{y:04d}-{m:02d}-{dd:02d}", st.defects)


def clean(text: str) -> str:
    return MARKERS_RE.sub("", text)


def to_txt(a: Article) -> str:
    out = [a.headline, ""]
    if a.blog:
        out += ["当ページのリンクには広告が含まれています。", ""]
    out += ["".join(a.lead), "", "この記事の要約", ""]
    out += [f"・{b}" for b in a.bullets]
    out.append("")
    if a.blog:
        out += ["目次", ""]
    for i, s in enumerate(a.sections, 1):
        out += [f"{i}. {s.heading}", ""]
        for p in s.paragraphs:
            out += ["".join(p), ""]
    if a.blog:
        out += [f"まとめ：{a.headline}", ""]
    out += ["".join(a.closing), ""]
    return clean("\n".join(out))


def to_md(a: Article, rng: random.Random) -> str:
    title = clean(a.headline).replace('"', "＂")
    tags = ", ".join(a.domain.tags)
    out = ["---", f'title: "{title}"', f"date: {a.date_iso}", f"category: {a.domain.category}",
           f"tags: [{tags}]", "---", "", "".join(a.lead), "", "## この記事の要約", ""]
    out += [f"・{b}" for b in a.bullets]
    out.append("")
    for s in a.sections:
        out += [f"## {s.heading}", ""]
        for p in s.paragraphs:
            if len(p) > 1 and "「" in p[-1] and rng.random() < 0.3:  # a quoted remark
                out += ["".join(p[:-1]), "", f"> {p[-1]}", ""]
            else:
                out += ["".join(p), ""]
    if a.blog:
        out += [f"## まとめ：{a.headline}", ""]
    out += ["".join(a.closing), ""]
    return clean("\n".join(out))


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def write_corpus(out: str, n: int, seed: int, rates: Rates, md_ratio: float) -> tuple[int, int]:
    os.makedirs(out, exist_ok=True)
    width = max(4, len(str(n - 1)))
    total = 0
    with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8") as manifest:
        for i in range(n):
            rng = random.Random(f"seigo-bench:{seed}:{i}")
            art = make_article(rng, rates)
            is_md = rng.random() < md_ratio
            text = to_md(art, rng) if is_md else to_txt(art)
            name = f"article-{i:0{width}d}-{art.domain.name}.{'md' if is_md else 'txt'}"
            data = text.encode("utf-8")
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
            total += len(data)
            manifest.write(json.dumps({"file": name, "bytes": len(data), "defects": art.defects},
                                      ensure_ascii=False) + "\n")
    return n, total


def write_single(path: str, mb: float, seed: int, rates: Rates) -> int:
    """One plain-text article of about `mb` MB (10**6 bytes): many stories under one headline."""
    target = int(mb * 1_000_000)
    rng = random.Random(f"seigo-bench-single:{seed}")
    first = make_story(rng, rates)
    head_tpl, lead_tpl = rng.choice(first.domain.events)
    headline = clean(render(first, head_tpl, headline=True, event=True))
    lead = clean(render(first, lead_tpl, event=True) + stance_sentence(first))
    bullets = [clean(render(first, b)) for b in first.domain.bullets[:3]]
    head = [headline, "", lead, "", "この記事の要約", ""] + [f"・{b}" for b in bullets] + [""]
    parts = ["\n".join(head) + "\n"]
    size = len(parts[0].encode("utf-8"))
    used: set[str] = set()
    number = 0
    story_no = 0
    while size < target:
        story_no += 1
        srng = random.Random(f"seigo-bench-single:{seed}:{story_no}")
        st = make_story(srng, rates)
        sections = make_sections(st, srng.randint(3, 8), used)
        inject_story_defects(st, sections, [], [], [])
        chunk = []
        for s in sections:
            number += 1
            chunk += [f"{number}. {s.heading}", ""]
            for p in s.paragraphs:
                chunk += ["".join(p), ""]
        text = clean("\n".join(chunk)) + "\n"
        parts.append(text)
        size += len(text.encode("utf-8"))
    parts.append(f"まとめ：{headline}\n\n今回の記事は以上です。\n")
    data = "".join(parts).encode("utf-8")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True,
                    help="output directory (corpus); with --single-mb a .txt path or a directory")
    ap.add_argument("--articles", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--single-mb", type=float, metavar="X",
                    help="write ONE document of about X MB instead of a corpus")
    ap.add_argument("--md-ratio", type=float, default=0.5, help="share of .md articles (default 0.5)")
    ap.add_argument("--garble-rate", type=float, default=0.12,
                    help="probability that a garble-prone phrase is garbled (default 0.12)")
    ap.add_argument("--title-conflict-rate", type=float, default=0.2,
                    help="share of articles with a 大統領/前大統領-style conflict (default 0.2)")
    ap.add_argument("--polarity-conflict-rate", type=float, default=0.2,
                    help="share of articles with an AをBする/AをBしない conflict (default 0.2)")
    ap.add_argument("--repeat-rate", type=float, default=0.25,
                    help="share of articles with a repeated sentence (default 0.25)")
    ap.add_argument("--unsupported-headline-rate", type=float, default=0.15,
                    help="share of articles whose headline the body does not support (default 0.15)")
    args = ap.parse_args(argv)
    rates = Rates(args.garble_rate, args.title_conflict_rate, args.polarity_conflict_rate,
                  args.repeat_rate, args.unsupported_headline_rate)
    if args.single_mb is not None:
        path = args.out
        if not path.endswith((".txt", ".md")):
            path = os.path.join(path, f"single-{args.single_mb:g}mb-seed{args.seed}.txt")
        size = write_single(path, args.single_mb, args.seed, rates)
        print(f"{path}\t{size} bytes")
        return 0
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    n, total = write_corpus(args.out, args.articles, args.seed, rates, args.md_ratio)
    print(f"{args.out}\t{n} articles\t{total} bytes\t{total / n / 1000:.1f} kB/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
