"""A seeded generator of realistic business-card contacts, about 60% Japanese and 40% English.

``generate(n, seed)`` gives the same contacts for the same arguments (no ids; every contact has a
fresh uid drawn from the seeded generator). ``queries(seed)`` gives a fixed list of search queries
built from the same vocabularies: short CJK, kana in three scripts, romaji, English names, company
and role words, phone and e-mail fragments, fielded queries, misses and hostile input.

    python bench/generate.py 5      # print five contacts
"""

from __future__ import annotations

import json
import random
import re
import sys
import uuid
from dataclasses import dataclass
from datetime import date

import jaconv

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Url
from cardbox.domain.phones import parse_phone
from cardbox.services.paths import data_dir


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """``"漢字:かな 漢字:かな"`` as pairs."""
    return tuple((a, b) for a, _, b in (w.partition(":") for w in text.split()))


# -- names ------------------------------------------------------------------------------------

JP_FAMILY: tuple[tuple[str, str], ...] = _pairs(
    """
佐藤:さとう 鈴木:すずき 高橋:たかはし 田中:たなか 伊藤:いとう 渡辺:わたなべ 山本:やまもと
中村:なかむら 小林:こばやし 加藤:かとう 吉田:よしだ 山田:やまだ 佐々木:ささき 山口:やまぐち
松本:まつもと 井上:いのうえ 木村:きむら 林:はやし 斎藤:さいとう 清水:しみず 山崎:やまざき
森:もり 池田:いけだ 橋本:はしもと 阿部:あべ 石川:いしかわ 山下:やました 中島:なかじま
石井:いしい 小川:おがわ 前田:まえだ 岡田:おかだ 長谷川:はせがわ 藤田:ふじた 後藤:ごとう
近藤:こんどう 村上:むらかみ 遠藤:えんどう 青木:あおき 坂本:さかもと 斉藤:さいとう 福田:ふくだ
太田:おおた 西村:にしむら 藤井:ふじい 金子:かねこ 岡本:おかもと 藤原:ふじわら 中野:なかの
三浦:みうら 原田:はらだ 中川:なかがわ 松田:まつだ 竹内:たけうち 小野:おの 田村:たむら
中山:なかやま 和田:わだ 石田:いしだ 森田:もりた 上田:うえだ 原:はら 柴田:しばた 酒井:さかい
工藤:くどう 横山:よこやま 宮崎:みやざき 宮本:みやもと 内田:うちだ 高木:たかぎ 安藤:あんどう
谷口:たにぐち 大野:おおの 丸山:まるやま 今井:いまい 高田:たかだ 藤本:ふじもと 武田:たけだ
村田:むらた 上野:うえの 杉山:すぎやま 増田:ますだ 平野:ひらの 大塚:おおつか 千葉:ちば 久保:くぼ
松井:まつい 小島:こじま 岩崎:いわさき 桜井:さくらい 野口:のぐち 松尾:まつお 野村:のむら
木下:きのした 菊地:きくち 佐野:さの 大西:おおにし 杉本:すぎもと 新井:あらい 浜田:はまだ
菅原:すがわら 市川:いちかわ 水野:みずの 小松:こまつ 島田:しまだ 古川:ふるかわ 小山:こやま
高野:たかの 西田:にしだ 菊池:きくち 山内:やまうち 西川:にしかわ 五十嵐:いがらし 北村:きたむら
服部:はっとり 東:ひがし 辻:つじ 関:せき
"""
)

JP_GIVEN: tuple[tuple[str, str], ...] = _pairs(
    """
太郎:たろう 一郎:いちろう 健:けん 健太:けんた 翔太:しょうた 大輔:だいすけ 拓也:たくや
直樹:なおき 浩:ひろし 誠:まこと 隆:たかし 剛:つよし 亮:りょう 翔:しょう 蓮:れん 大翔:ひろと
悠真:ゆうま 陽翔:はると 湊:みなと 樹:いつき 和也:かずや 達也:たつや 秀樹:ひでき 正樹:まさき
裕太:ゆうた 雄一:ゆういち 修:おさむ 学:まなぶ 聡:さとし 実:みのる 博之:ひろゆき 哲也:てつや
慎一:しんいち 圭:けい 航:わたる 駿:しゅん 優斗:ゆうと 涼:りょう 智也:ともや 康介:こうすけ
英樹:ひでき 俊介:しゅんすけ 恭平:きょうへい 浩二:こうじ 健一:けんいち 光:ひかる 豊:ゆたか
勇気:ゆうき 拓海:たくみ 花子:はなこ 陽子:ようこ 恵子:けいこ 直美:なおみ 由美:ゆみ 美咲:みさき
愛:あい 優子:ゆうこ 智子:ともこ 真由美:まゆみ 久美子:くみこ 明美:あけみ 麻衣:まい 彩:あや
結衣:ゆい 陽菜:ひな 葵:あおい 凛:りん さくら:さくら 美穂:みほ 香織:かおり 舞:まい 千尋:ちひろ
彩花:あやか 七海:ななみ 沙織:さおり 理恵:りえ 奈々:なな 真理子:まりこ 京子:きょうこ 裕子:ゆうこ
幸子:さちこ 文子:ふみこ 典子:のりこ 綾乃:あやの 遥:はるか 美月:みづき 莉子:りこ 芽衣:めい
杏:あん 朋美:ともみ 亜希子:あきこ 恵美:えみ 瞳:ひとみ 静香:しずか 絵里:えり 紗希:さき
玲奈:れいな 梨花:りか 詩織:しおり
"""
)

EN_FIRST: tuple[str, ...] = _words(
    """
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward
Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin
Samuel Gregory Alexander Patrick Frank Raymond Jack Dennis Jerry Oliver Harry Liam Noah Ethan
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra
Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca
Laura Sharon Cynthia Kathleen Amy Angela Helen Anna Emma Olivia Sophia Charlotte Amelia Grace
Chloe Priya Wei Mei Arjun Lucas Mateo Sofia Hannah Zoe Isabella Ava
"""
)

EN_LAST: tuple[str, ...] = _words(
    """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers
Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson
Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler
Henderson Barnes Fisher Tan Lim Chen Wong Singh OBrien Murray Fraser Hamilton Graham
"""
)

# -- companies --------------------------------------------------------------------------------

JP_STEMS: tuple[tuple[str, str], ...] = _pairs(
    """
アオバ:あおば ミライ:みらい サクラ:さくら ヒカリ:ひかり ツバサ:つばさ アスカ:あすか
ハヤテ:はやて カエデ:かえで ミドリ:みどり ソラ:そら ナギ:なぎ ユニゾン:ゆにぞん
ネクスト:ねくすと フロンティア:ふろんてぃあ グローバル:ぐろーばる アルファ:あるふぁ
オメガ:おめが ゼニス:ぜにす ステラ:すてら ルミナ:るみな コスモ:こすも アーク:あーく
ベイサイド:べいさいど シーガル:しーがる リンクス:りんくす エムズ:えむず ビーコン:びーこん
クレスト:くれすと プライム:ぷらいむ ワカバ:わかば ホクト:ほくと アサヒ:あさひ ヤマト:やまと
ミナト:みなと シンセイ:しんせい イロハ:いろは ハルカ:はるか トワ:とわ ヒナタ:ひなた
ミツバ:みつば 東邦:とうほう 大和:やまと 富士:ふじ 日本橋:にほんばし 丸の内:まるのうち
青葉:あおば 北斗:ほくと 旭:あさひ 三光:さんこう 東亜:とうあ 関東:かんとう 関西:かんさい
中部:ちゅうぶ 九州:きゅうしゅう 北海道:ほっかいどう 瀬戸内:せとうち 湘南:しょうなん
横浜:よこはま 京都:きょうと 浪速:なにわ 武蔵:むさし 相模:さがみ 信州:しんしゅう 越後:えちご
明和:めいわ 昭栄:しょうえい 協和:きょうわ 共栄:きょうえい 太陽:たいよう 光洋:こうよう
日進:にっしん 大成:たいせい 新興:しんこう 栄光:えいこう 三和:さんわ 千代田:ちよだ 白鷺:しらさぎ
若松:わかまつ 創明:そうめい 誠和:せいわ 天城:あまぎ 八洲:やしま 東都:とうと 南海:なんかい
北陸:ほくりく 葵:あおい 朝日:あさひ 白山:はくさん 高尾:たかお 伊吹:いぶき 六甲:ろっこう
筑波:つくば 琵琶湖:びわこ 紀伊:きい 出雲:いずも 吉備:きび
"""
)

JP_FORMS = ("株式会社", "有限会社", "合同会社")
EN_FORMS = ("Inc.", "Co., Ltd.", "LLC", "Ltd.", "Corp.", "Pte. Ltd.", "GmbH")

EN_STEMS: tuple[str, ...] = tuple(
    s.replace("_", " ")
    for s in _words(
        """
Acme Blue_Harbor Northwind Summit Crescent Evergreen Redwood Silverline Brightpath Ironclad
Keystone Lighthouse Meridian Nimbus Oakridge Pinnacle Quantum Riverstone Sapphire Tidewater
Unity Vantage Westbridge Zenith Atlas Beacon Cobalt Driftwood Ember Falcon Granite Horizon
Indigo Juniper Kestrel Lumen Maple Nova Orchid Pioneer Quarry Radiant Sterling Trident Upland
Velocity Willow Yellowstone Aurora Bluebird Cascade Delta Everest Fjord Glacier Harbourview
Islet Jadeite Kingsley Lakeshore Monarch Northstar Orbit Paragon Redline Skyward Tanager
Ultramarine Verity Wavecrest Apex Boulder Cedar Dawn Eastgate Foxglove Goldleaf Highpoint Ivory
Kite Larkspur Mosaic Newport Onyx Peregrine
"""
    )
)


@dataclass(frozen=True)
class Sector:
    """A kind of organisation: its name suffix and reading, industry codes and typical roles."""

    suffix_ja: str
    reading: str
    suffix_en: str
    industries: tuple[str, ...]
    kind: str = "corp"
    """``corp`` (takes a legal form), ``office`` (a professional's office named after a family)."""
    titles_ja: tuple[str, ...] = ()
    titles_en: tuple[str, ...] = ()


SECTORS: tuple[Sector, ...] = (
    Sector("商事", "しょうじ", "Trading", ("I-trading",)),
    Sector("物産", "ぶっさん", "Trading", ("I-trading",)),
    Sector("電機", "でんき", "Electric", ("E-electronics",)),
    Sector("電子", "でんし", "Electronics", ("E-electronics",)),
    Sector("セミコンダクター", "せみこんだくたー", "Semiconductor", ("E-semicon",)),
    Sector("製作所", "せいさくしょ", "Machinery", ("E-machinery",)),
    Sector("化学", "かがく", "Chemicals", ("E-chemicals",)),
    Sector("製薬", "せいやく", "Pharma", ("E-pharma",)),
    Sector("食品", "しょくひん", "Foods", ("E-food",)),
    Sector("化粧品", "けしょうひん", "Cosmetics", ("E-cosmetics",)),
    Sector("メディカル", "めでぃかる", "Medical Devices", ("E-meddevice",)),
    Sector("自動車", "じどうしゃ", "Motors", ("E-automotive",)),
    Sector("建設", "けんせつ", "Construction", ("D-contractor",)),
    Sector("ホーム", "ほーむ", "Homes", ("D-housing",)),
    Sector("不動産", "ふどうさん", "Realty", ("K-realestate",)),
    Sector("リース", "りーす", "Leasing", ("K-leasing",)),
    Sector("システムズ", "しすてむず", "Systems", ("G-software",)),
    Sector("ソフトウェア", "そふとうぇあ", "Software", ("G-software",)),
    Sector("テクノロジーズ", "てくのろじーず", "Technologies", ("G-itservices",)),
    Sector("AIラボ", "えーあいらぼ", "AI Labs", ("G-ai",)),
    Sector("ネットワークス", "ねっとわーくす", "Networks", ("G-telecom",)),
    Sector("インタラクティブ", "いんたらくてぃぶ", "Interactive", ("G-internet",)),
    Sector("メディア", "めでぃあ", "Media", ("G-media",)),
    Sector("ゲームス", "げーむす", "Games", ("G-games",)),
    Sector("セキュリティ", "せきゅりてぃ", "Security", ("G-security",)),
    Sector("銀行", "ぎんこう", "Bank", ("J-banking",)),
    Sector("証券", "しょうけん", "Securities", ("J-securities",)),
    Sector("損害保険", "そんがいほけん", "Insurance", ("J-insurance",)),
    Sector("キャピタル", "きゃぴたる", "Capital", ("J-vc",), titles_en=("Partner", "Principal")),
    Sector("ペイメンツ", "ぺいめんつ", "Payments", ("J-fintech",)),
    Sector("アセットマネジメント", "あせっとまねじめんと", "Asset Management", ("J-assetmgmt",)),
    Sector("運輸", "うんゆ", "Logistics", ("H-logistics",)),
    Sector("物流", "ぶつりゅう", "Freight", ("H-logistics",)),
    Sector("エナジー", "えなじー", "Energy", ("F-renewables",)),
    Sector("コンサルティング", "こんさるてぃんぐ", "Consulting", ("L-consulting",)),
    Sector("デザイン", "でざいん", "Design", ("L-design",)),
    Sector("広告", "こうこく", "Advertising", ("L-advertising",)),
    Sector("設計", "せっけい", "Architects", ("L-architecture",)),
    Sector("リサーチ", "りさーち", "Research", ("L-research",)),
    Sector("翻訳", "ほんやく", "Translations", ("L-translation",)),
    Sector("ホテルズ", "ほてるず", "Hotels", ("M-hotels",)),
    Sector("フーズ", "ふーず", "Restaurants", ("M-restaurants",)),
    Sector("トラベル", "とらべる", "Travel", ("N-travel",)),
    Sector("フィットネス", "ふぃっとねす", "Fitness", ("N-fitness",)),
    Sector("エデュケーション", "えでゅけーしょん", "Education", ("O-edtech",)),
    Sector("スタッフィング", "すたっふぃんぐ", "Staffing", ("R-staffing",)),
    Sector("イベンツ", "いべんつ", "Events", ("R-events",)),
    Sector("ファーム", "ふぁーむ", "Farms", ("A-agritech",)),
    Sector("水産", "すいさん", "Seafood", ("B",)),
    Sector("ヘルステック", "へるすてっく", "Health", ("P-healthtech",)),
    Sector(
        "法律事務所",
        "ほうりつじむしょ",
        "& Partners LLP",
        ("L-legal",),
        "office",
        ("弁護士", "パートナー弁護士", "アソシエイト弁護士", "代表弁護士"),
        ("Partner", "Associate", "Counsel", "Attorney", "Managing Partner"),
    ),
    Sector(
        "特許事務所",
        "とっきょじむしょ",
        "IP Law Group",
        ("L-patent",),
        "office",
        ("弁理士", "所長弁理士", "特許技術者"),
        ("Patent Attorney", "Partner"),
    ),
    Sector(
        "会計事務所",
        "かいけいじむしょ",
        "Accountants LLP",
        ("L-accounting",),
        "office",
        ("公認会計士", "税理士", "代表社員"),
        ("Partner", "CPA", "Tax Manager"),
    ),
    Sector("司法書士事務所", "しほうしょしじむしょ", "", ("L-scrivener",), "office", ("司法書士",)),
    Sector(
        "社会保険労務士事務所",
        "しゃかいほけんろうむしじむしょ",
        "",
        ("L-sharoushi",),
        "office",
        ("社会保険労務士",),
    ),
    Sector(
        "行政書士事務所", "ぎょうせいしょしじむしょ", "", ("L-gyosei",), "office", ("行政書士",)
    ),
    Sector(
        "クリニック",
        "くりにっく",
        "Clinic",
        ("P-hospitals",),
        "office",
        ("医師", "院長", "副院長", "看護師長"),
        ("MD", "Physician", "Medical Director"),
    ),
    Sector("歯科医院", "しかいいん", "Dental", ("P-dental",), "office", ("歯科医師", "院長")),
    Sector("薬局", "やっきょく", "Pharmacy", ("P-pharmacy",), "office", ("薬剤師", "管理薬剤師")),
)

ORGANISATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("経済産業省", "けいざいさんぎょうしょう", ("S-national",)),
    ("総務省", "そうむしょう", ("S-national",)),
    ("東京都産業労働局", "とうきょうとさんぎょうろうどうきょく", ("S-local",)),
    ("横浜市経済局", "よこはましけいざいきょく", ("S-local",)),
    ("大阪商工会議所", "おおさかしょうこうかいぎしょ", ("R-npo",)),
    ("日本貿易振興機構", "にほんぼうえきしんこうきこう", ("S-national",)),
    ("学校法人 青葉学園", "あおばがくえん", ("O-schools",)),
    ("国立大学法人 東都大学", "とうとだいがく", ("O-schools", "L-research")),
    ("特定非営利活動法人 みらいの森", "みらいのもり", ("R-npo",)),
    ("日本郵便株式会社", "にっぽんゆうびん", ("Q-postoffice",)),
)

DEPARTMENTS_JA = _words(
    """
営業部 第一営業部 第二営業部 法人営業部 海外営業部 営業本部 開発部 研究開発部 技術部 製造部
品質保証部 法務部 知的財産部 総務部 人事部 経理部 財務部 経営企画部 広報部 マーケティング部
情報システム部 購買部 事業開発部 新規事業推進室 社長室 秘書室 カスタマーサクセス部 DX推進室
物流部 調達部 監査室 国際部 技術本部 管理本部 コーポレート本部 IR室 デジタル戦略部
"""
)

DEPARTMENTS_EN = (
    "Sales",
    "Engineering",
    "Legal",
    "Marketing",
    "Finance",
    "Operations",
    "Business Development",
    "Product",
    "Research & Development",
    "Human Resources",
    "Customer Success",
    "Corporate Development",
    "Investor Relations",
    "Communications",
    "IT",
    "Procurement",
    "Strategy",
    "Design",
    "Data Science",
    "Partnerships",
    "Asia Pacific",
    "Japan Office",
)

TITLES_JA = _words(
    """
代表取締役 代表取締役社長 取締役 専務取締役 常務取締役 執行役員 本部長 部長 副部長 次長 課長
課長代理 係長 主任 マネージャー シニアマネージャー リーダー チーフエンジニア エンジニア
主任研究員 研究員 コンサルタント 担当 室長 所長 支店長 会長 顧問 監査役 CTO CEO COO CFO
プロデューサー
"""
)

TITLES_EN = (
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "Founder",
    "Co-Founder",
    "Partner",
    "Managing Partner",
    "Principal",
    "Associate",
    "Vice President",
    "VP of Sales",
    "Director",
    "Senior Director",
    "Head of Engineering",
    "Product Manager",
    "Engineering Manager",
    "Software Engineer",
    "Account Executive",
    "Sales Manager",
    "Marketing Manager",
    "General Counsel",
    "Analyst",
    "Consultant",
    "Designer",
    "Research Scientist",
    "Country Manager",
    "Managing Director",
    "Business Development Manager",
    "Investor",
)

# -- events, notes, tags ----------------------------------------------------------------------

EVENTS: tuple[tuple[str, date, str], ...] = (
    ("Tokyo Startup Mixer Spring 2024", date(2024, 4, 18), "渋谷ヒカリエ"),
    ("SusHi Tech Tokyo 2024", date(2024, 5, 15), "東京ビッグサイト"),
    ("Interop Tokyo 2024", date(2024, 6, 12), "幕張メッセ"),
    ("AWS Summit Japan 2024", date(2024, 6, 20), "幕張メッセ"),
    ("IVS 2024 Kyoto", date(2024, 7, 4), "京都市勧業館みやこめっせ"),
    ("CEATEC 2024", date(2024, 10, 15), "幕張メッセ"),
    ("Japan IT Week 秋 2024", date(2024, 10, 23), "幕張メッセ"),
    ("弁護士会 新年交流会 2024", date(2024, 1, 19), "弁護士会館"),
    ("丸の内ビジネス交流会 2024 冬", date(2024, 12, 5), "丸の内ビルディング"),
    ("Shibuya Founders Night 2025", date(2025, 2, 13), "渋谷スクランブルスクエア"),
    ("FinTech Japan 2025", date(2025, 3, 6), "虎ノ門ヒルズフォーラム"),
    ("知財交流会 2025 春", date(2025, 4, 10), "日本弁理士会"),
    ("Osaka Expo Business Day 2025", date(2025, 6, 10), "夢洲 大阪・関西万博会場"),
    ("Medical Japan 大阪 2025", date(2025, 2, 26), "インテックス大阪"),
    ("税理士・会計士懇親会 2025", date(2025, 5, 22), "ホテルニューオータニ"),
    ("Nagoya Manufacturing Summit 2025", date(2025, 7, 9), "ポートメッセなごや"),
    ("Fukuoka Startup Weekend 2025", date(2025, 8, 23), "Fukuoka Growth Next"),
    ("Tokyo Game Show 2025", date(2025, 9, 25), "幕張メッセ"),
    ("JETRO Business Matching Singapore 2025", date(2025, 10, 8), "Marina Bay Sands"),
    ("Web Summit Lisbon 2025", date(2025, 11, 11), "MEO Arena, Lisbon"),
    ("SaaS Meetup Roppongi Vol.12", date(2025, 11, 27), "六本木ヒルズ"),
    ("CES 2026", date(2026, 1, 6), "Las Vegas Convention Center"),
    ("丸の内ビジネス交流会 2026 春", date(2026, 3, 12), "丸の内ビルディング"),
    ("AI Expo Tokyo 2026", date(2026, 4, 15), "東京ビッグサイト"),
    ("Legal Tech Forum 2026", date(2026, 5, 20), "虎ノ門ヒルズフォーラム"),
    ("Interop Tokyo 2026", date(2026, 6, 10), "幕張メッセ"),
    ("Kansai Investor Day 2026", date(2026, 7, 2), "グランフロント大阪"),
    ("Real Estate Japan Conference 2026", date(2026, 9, 17), "東京国際フォーラム"),
    ("ものづくりワールド名古屋 2026", date(2026, 10, 14), "ポートメッセなごや"),
    ("Shibuya 2026 Networking Night", date(2026, 11, 24), "渋谷ストリーム"),
)

NOTES = (
    "展示会ブースで名刺交換。",
    "来月打ち合わせ予定。",
    "資料送付済み。",
    "紹介者: 田中さん。",
    "英語対応可。",
    "次回はオンラインで。",
    "ゴルフ好き。",
    "大阪出張時に連絡する。",
    "見積もり依頼あり。",
    "前職は外資系コンサル。",
    "採用について相談したい。",
    "共同研究に関心あり。",
    "年末に再度連絡。",
    "セミナー登壇者。",
    "懇親会で隣の席だった。",
    "新製品のデモを希望。",
    "同じ大学の先輩。",
    "海外拠点の立ち上げを担当。",
    "Met at the booth; follow up in Q3.",
    "Interested in a pilot project.",
    "Send the deck and pricing.",
    "Introduced by Sarah from the embassy.",
    "Speaks fluent Japanese.",
    "Looking for distributors in Japan.",
    "Coffee next time in Tokyo.",
    "Possible speaker for our event.",
    "Asked about our API.",
    "Knows the Osaka market well.",
    "Runs a small angel syndicate.",
    "Wants an intro to our legal team.",
)

TALKS = (
    "API連携",
    "資金調達",
    "採用",
    "海外展開",
    "特許出願",
    "M&A",
    "契約書レビュー",
    "補助金",
    "DX",
    "生成AI",
    "物流の効率化",
    "共同開発",
    "partnership",
    "Series A",
    "hiring engineers",
    "market entry in Japan",
    "licensing",
    "cloud migration",
    "pricing",
    "distribution",
    "IPO",
    "",
)

TAGS = (
    "investor",
    "client",
    "prospect",
    "partner",
    "recruiter",
    "friend",
    "要フォロー",
    "見込み客",
    "speaker",
    "press",
    "vendor",
    "mentor",
    "alumni",
    "同窓",
    "board",
    "supplier",
    "hiring",
    "VIP",
    "government",
    "academic",
)

# -- addresses --------------------------------------------------------------------------------

JP_PLACES = (
    ("東京都", "千代田区", "丸の内", "100-0005"),
    ("東京都", "千代田区", "大手町", "100-0004"),
    ("東京都", "中央区", "日本橋", "103-0027"),
    ("東京都", "中央区", "銀座", "104-0061"),
    ("東京都", "港区", "六本木", "106-0032"),
    ("東京都", "港区", "虎ノ門", "105-0001"),
    ("東京都", "渋谷区", "渋谷", "150-0002"),
    ("東京都", "新宿区", "西新宿", "160-0023"),
    ("東京都", "品川区", "大崎", "141-0032"),
    ("大阪府", "大阪市北区", "梅田", "530-0001"),
    ("大阪府", "大阪市中央区", "本町", "541-0053"),
    ("愛知県", "名古屋市中村区", "名駅", "450-0002"),
    ("神奈川県", "横浜市西区", "みなとみらい", "220-0012"),
    ("福岡県", "福岡市博多区", "博多駅前", "812-0011"),
    ("北海道", "札幌市中央区", "北五条西", "060-0005"),
    ("京都府", "京都市下京区", "烏丸通", "600-8008"),
    ("宮城県", "仙台市青葉区", "中央", "980-0021"),
    ("広島県", "広島市中区", "紙屋町", "730-0031"),
)
JP_BUILDINGS = (
    "丸の内ビルディング",
    "新丸の内ビルディング",
    "日本橋タワー",
    "六本木ヒルズ森タワー",
    "渋谷スクランブルスクエア",
    "新宿アイランドタワー",
    "グランフロント大阪",
    "JRセントラルタワーズ",
    "ランドマークタワー",
    "博多駅前ビル",
    "第一生命ビル",
    "大崎ブライトタワー",
)
EN_PLACES = (
    ("New York", "NY", "100", "US"),
    ("San Francisco", "CA", "941", "US"),
    ("Seattle", "WA", "981", "US"),
    ("Austin", "TX", "787", "US"),
    ("Boston", "MA", "021", "US"),
    ("London", "", "EC2A ", "GB"),
    ("Manchester", "", "M1 ", "GB"),
    ("Singapore", "", "01", "SG"),
)
EN_STREETS = (
    "Market Street",
    "Fifth Avenue",
    "Broadway",
    "Mission Street",
    "Pine Street",
    "Congress Avenue",
    "Boylston Street",
    "Old Street",
    "Shoreditch High Street",
    "Deansgate",
    "Raffles Place",
    "Marina Boulevard",
    "Anson Road",
    "Second Avenue",
    "Madison Avenue",
)

_WIDTHS = re.compile(r"\{:0(\d)d\}")

# -- phones -----------------------------------------------------------------------------------

JP_LANDLINES = (
    "03-5{:03d}-{:04d}",
    "03-6{:03d}-{:04d}",
    "03-3{:03d}-{:04d}",
    "06-6{:03d}-{:04d}",
    "06-4{:03d}-{:04d}",
    "052-2{:02d}-{:04d}",
    "045-2{:02d}-{:04d}",
    "092-7{:02d}-{:04d}",
    "011-2{:02d}-{:04d}",
    "075-2{:02d}-{:04d}",
    "022-2{:02d}-{:04d}",
)
JP_MOBILES = ("090-{:04d}-{:04d}", "080-{:04d}-{:04d}", "070-{:04d}-{:04d}")
JP_OTHER = ("050-{:04d}-{:04d}", "0120-{:03d}-{:03d}")
FOREIGN = {
    "US": (
        "+1 212-{:03d}-{:04d}",
        "+1 415-{:03d}-{:04d}",
        "+1 646-{:03d}-{:04d}",
        "+1 206-{:03d}-{:04d}",
        "+1 (512) {:03d}-{:04d}",
    ),
    "GB": ("+44 20 7{:03d} {:04d}", "+44 7{:03d} {:06d}", "+44 161 {:03d} {:04d}"),
    "SG": ("+65 6{:03d} {:04d}", "+65 9{:03d} {:04d}", "+65 8{:03d} {:04d}"),
}


def _industry_codes() -> set[str]:
    def walk(items: list[dict[str, object]]) -> None:
        for item in items:
            codes.add(str(item["code"]))
            walk(item.get("children", []))  # type: ignore[arg-type]

    codes: set[str] = set()
    walk(json.loads((data_dir() / "industries.json").read_text(encoding="utf-8")))
    return codes


def _romaji(reading: str) -> str:
    """Simple romaji for e-mail addresses and slugs: ``さとう`` -> ``sato``."""
    text = str(jaconv.kana2alphabet(reading)).replace("-", "").replace("ー", "")
    return text.replace("ou", "o").replace("uu", "u")


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())


class _Generator:
    """One seeded run of the generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        codes = _industry_codes()
        for sector in SECTORS:
            missing = set(sector.industries) - codes
            assert not missing, f"unknown industry codes in bench sectors: {missing}"
        self.children = sorted(c for c in codes if "-" in c)

    # -- pieces -------------------------------------------------------------------------------

    def phone(self, patterns: tuple[str, ...], label: str) -> Phone:
        rng = self.rng
        for _ in range(50):
            pattern = rng.choice(patterns)
            widths = [int(w) for w in _WIDTHS.findall(pattern)]
            text = pattern.format(*(rng.randrange(10**w) for w in widths))
            try:
                return parse_phone(text, "JP", label=label)
            except InvalidInput:
                continue
        raise RuntimeError(f"no valid number from {patterns}")

    def industries(self, base: tuple[str, ...]) -> tuple[str, ...]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return (base[0].split("-")[0],)  # the major group only
        if roll < 0.18:
            return tuple(dict.fromkeys((*base, rng.choice(self.children))))
        return base

    def meetings(self) -> tuple[Meeting, ...]:
        rng = self.rng
        picked = rng.sample(EVENTS, 2 if rng.random() < 0.25 else 1)
        return tuple(
            Meeting(event=e[0], position=None, talked_about=rng.choice(TALKS)) for e in picked
        )

    def tags(self) -> tuple[str, ...]:
        rng = self.rng
        k = rng.choices((0, 1, 2, 3), weights=(45, 35, 15, 5))[0]
        return tuple(rng.sample(TAGS, k))

    def notes(self) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            return ""
        return " ".join(rng.sample(NOTES, 2 if rng.random() < 0.2 else 1))

    def jp_address(self) -> Address:
        rng = self.rng
        region, locality, area, postal = rng.choice(JP_PLACES)
        street = f"{area}{rng.randint(1, 5)}-{rng.randint(1, 20)}-{rng.randint(1, 30)}"
        building = f"{rng.choice(JP_BUILDINGS)} {rng.randint(2, 45)}F" if rng.random() < 0.7 else ""
        return Address(
            label="work",
            postal_code=postal,
            region=region,
            locality=locality,
            street=street,
            building=building,
            country="",
        )

    def en_address(self) -> Address:
        rng = self.rng
        city, region, postal, country = rng.choice(EN_PLACES)
        if country == "US":
            postal += f"{rng.randint(1, 99):02d}"
        elif country == "GB":
            postal += f"{rng.randint(1, 9)}" + "".join(rng.choices("ABDEFGHJLNPQRSTUWXYZ", k=2))
        else:
            postal += f"{rng.randint(0, 9999):04d}"
        street = f"{rng.randint(1, 999)} {rng.choice(EN_STREETS)}"
        building = f"Suite {rng.randint(100, 4000)}" if rng.random() < 0.5 else ""
        return Address(
            label="work",
            postal_code=postal,
            region=region,
            locality=city,
            street=street,
            building=building,
            country=country,
        )

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- companies ----------------------------------------------------------------------------

    def jp_company(self) -> tuple[str, str, str, Sector | None, tuple[str, ...]]:
        """(company, reading, e-mail domain, sector or None for an organisation, industries)."""
        rng = self.rng
        if rng.random() < 0.04:
            name, reading, codes = rng.choice(ORGANISATIONS)
            return name, reading, f"{_slug(_romaji(reading))}.example.go.jp", None, codes
        sector = rng.choice(SECTORS)
        if sector.kind == "office":
            stem, stem_reading = rng.choice(JP_FAMILY)
            company = f"{stem}{sector.suffix_ja}"
        else:
            stem, stem_reading = rng.choice(JP_STEMS)
            form = rng.choices(JP_FORMS, weights=(85, 8, 7))[0]
            if rng.random() < 0.75:
                company = f"{form}{stem}{sector.suffix_ja}"
            else:
                company = f"{stem}{sector.suffix_ja}{form}"
        reading = stem_reading + sector.reading
        domain = f"{_slug(_romaji(stem_reading))}-{_slug(_romaji(sector.reading))}.example.co.jp"
        return company, reading, domain, sector, sector.industries

    def en_company(self) -> tuple[str, str, Sector]:
        """(company, e-mail domain, sector) for an English-named company."""
        rng = self.rng
        sector = rng.choice(SECTORS)
        if sector.kind == "office":
            a, b = rng.sample(EN_LAST, 2)
            suffix = sector.suffix_en or "Partners"
            company = f"{a} & {b} {suffix}" if "&" not in suffix else f"{a} {suffix}"
            slug = _slug(a + b)
        else:
            stem = rng.choice(EN_STEMS)
            company = f"{stem} {sector.suffix_en} {rng.choice(EN_FORMS)}"
            slug = _slug(stem) + ("" if rng.random() < 0.5 else _slug(sector.suffix_en)[:4])
        return company, f"{slug}.example.com", sector

    # -- contacts -----------------------------------------------------------------------------

    def japanese(self) -> Contact:
        rng = self.rng
        family, family_reading = rng.choice(JP_FAMILY)
        given, given_reading = rng.choice(JP_GIVEN)
        fam_r, giv_r = _romaji(family_reading), _romaji(given_reading)
        company = reading = department = title = ""
        domain = "mail.example.jp"
        codes: tuple[str, ...] = ()
        sector: Sector | None = None
        if rng.random() < 0.92:
            if rng.random() < 0.88:
                company, reading, domain, sector, codes = self.jp_company()
            else:
                company, domain, sector = self.en_company()
                company = f"{company.rsplit(' ', 1)[0]} Japan {rng.choice(('K.K.', 'G.K.'))}"
                codes = sector.industries
        if sector is not None and sector.titles_ja:
            title = rng.choice(sector.titles_ja)
        else:
            if rng.random() < 0.7:
                department = rng.choice(DEPARTMENTS_JA)
            if rng.random() < 0.85:
                title = rng.choice(TITLES_JA)
        phones = []
        if rng.random() < 0.85:
            phones.append(self.phone(JP_LANDLINES, "work"))
        if rng.random() < 0.5 or not phones:
            phones.append(self.phone(JP_MOBILES, "mobile"))
        if rng.random() < 0.15:
            phones.append(self.phone(JP_LANDLINES, "fax"))
        if rng.random() < 0.05:
            phones.append(self.phone(JP_OTHER, "direct"))
        local = rng.choice(
            (
                f"{giv_r[0]}.{fam_r}",
                f"{fam_r}",
                f"{fam_r}.{giv_r}",
                f"{giv_r[0]}-{fam_r}",
                f"{fam_r}{giv_r[0]}",
            )
        )
        emails = self.emails(local, domain, f"{giv_r}.{fam_r}{rng.randint(1, 99)}@mail.example.jp")
        return Contact(
            uid=self.uid(),
            family_name=family,
            given_name=given,
            family_reading=family_reading,
            given_reading=given_reading,
            company=company,
            company_reading=reading,
            department=department,
            title=title,
            notes=self.notes(),
            phones=tuple(phones),
            emails=emails,
            addresses=(self.jp_address(),) if rng.random() < 0.3 else (),
            urls=self.urls(domain),
            meetings=self.meetings(),
            industries=self.industries(codes) if codes else (),
            tags=self.tags(),
        )

    def english(self) -> Contact:
        rng = self.rng
        first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
        company, domain, sector = self.en_company()
        title = rng.choice(sector.titles_en) if sector.titles_en and rng.random() < 0.7 else ""
        title = title or (rng.choice(TITLES_EN) if rng.random() < 0.9 else "")
        department = rng.choice(DEPARTMENTS_EN) if rng.random() < 0.5 else ""
        country = rng.choices(("US", "GB", "SG", "JP"), weights=(45, 20, 15, 20))[0]
        phones = []
        if country == "JP":
            phones.append(self.phone(JP_LANDLINES, "work"))
            if rng.random() < 0.4:
                phones.append(self.phone(JP_MOBILES, "mobile"))
        else:
            phones.append(self.phone(FOREIGN[country], "work"))
            if rng.random() < 0.35:
                phones.append(self.phone(FOREIGN[country], "mobile"))
        local = rng.choice(
            (f"{first}.{last}", f"{first[0]}{last}", f"{first}", f"{first}_{last}", f"{last}")
        ).lower()
        emails = self.emails(local, domain, f"{first}{last}{rng.randint(1, 999)}@gmail.example.com")
        address: tuple[Address, ...] = ()
        if rng.random() < 0.3:
            address = (self.jp_address(),) if country == "JP" else (self.en_address(),)
        return Contact(
            uid=self.uid(),
            family_name=last,
            given_name=first,
            company=company,
            department=department,
            title=title,
            notes=self.notes(),
            phones=tuple(phones),
            emails=emails,
            addresses=address,
            urls=self.urls(domain),
            meetings=self.meetings(),
            industries=self.industries(sector.industries),
            tags=self.tags(),
        )

    def emails(self, local: str, domain: str, personal: str) -> tuple[Email, ...]:
        roll = self.rng.random()
        if roll < 0.07:
            return ()
        work = Email(address=f"{local}@{domain}", label="work")
        if roll < 0.85:
            return (work,)
        return (work, Email(address=personal.lower(), label="home"))

    def urls(self, domain: str) -> tuple[Url, ...]:
        if domain.startswith(("mail.", "gmail.")) or self.rng.random() < 0.7:
            return ()
        return (Url(url=f"https://www.{domain}/", label="work"),)

    def contact(self) -> Contact:
        return self.japanese() if self.rng.random() < 0.6 else self.english()


def generate(n: int, seed: int = 42) -> list[Contact]:
    """``n`` realistic contacts (no ids), the same for the same ``seed``."""
    gen = _Generator(seed)
    return [gen.contact() for _ in range(n)]


def queries(seed: int = 7) -> list[str]:
    """A fixed list of varied search queries built from the generator's vocabularies."""
    rng = random.Random(seed)
    sample = generate(300, seed=seed)
    out: list[str] = []

    # Short CJK: single characters and two-character names.
    out += ["山", "田", "林", "森", "東", "辻", "関", "原", "藤", "川", "株式", "会社", "事務所"]
    two = [f for f, _ in JP_FAMILY if len(f) == 2]
    out += rng.sample(two, 14)
    out += [
        f + g
        for (f, _), (g, _) in zip(rng.sample(JP_FAMILY, 4), rng.sample(JP_GIVEN, 4), strict=True)
    ]
    out += [g for g, _ in rng.sample(JP_GIVEN, 6)]
    # Readings: hiragana, katakana and half-width katakana.
    readings = [r for _, r in rng.sample(JP_FAMILY, 24)]
    out += readings[:10]
    out += [jaconv.hira2kata(r) for r in readings[10:18]]
    out += [jaconv.z2h(jaconv.hira2kata(r), kana=True) for r in readings[18:24]]
    out += [r for _, r in rng.sample(JP_GIVEN, 4)] + ["や", "やま", "さと"]
    # Romaji (as indexed: jaconv's spelling) and English names.
    out += ["yamada", "suzuki", "tanaka", "sato", "satou", "ito", "kobayashi", "hattori"]
    out += [str(jaconv.kana2alphabet(r)) for _, r in rng.sample(JP_FAMILY, 8)]
    out += ["yamada taro", "tarou", "Yamada"]
    out += rng.sample(EN_FIRST, 10) + rng.sample(EN_LAST, 10)
    out += [n.lower() for n in rng.sample(EN_LAST, 4)]
    out += [
        f"{a} {b}" for a, b in zip(rng.sample(EN_FIRST, 4), rng.sample(EN_LAST, 4), strict=True)
    ]
    out += ["Jo", "Li", "Sm", "Kim", "Tan"]
    # Companies.
    out += [s for s, _ in rng.sample(JP_STEMS, 10)]
    out += [r for _, r in rng.sample(JP_STEMS, 4)]
    out += [s.suffix_ja for s in rng.sample(SECTORS, 8)]
    out += [*rng.sample(EN_STEMS, 8), "Capital", "Systems", "LLC", "Co., Ltd.", "K.K."]
    out += ["株式会社", "合同会社", "有限会社", "法律事務所", "クリニック", "銀行"]
    # Departments and titles.
    out += [*rng.sample(DEPARTMENTS_JA, 6), "営業", "開発", "法務", "部長", "課長"]
    out += [*rng.sample(TITLES_JA, 6), "弁護士", "医師", "弁理士", "税理士"]
    out += rng.sample(DEPARTMENTS_EN, 5) + rng.sample(TITLES_EN, 5) + ["ceo", "Partner"]
    # Phones, in several formats; some from the sample, some generic.
    texts = [p.text for c in sample for p in c.phones]
    for text in rng.sample(texts, 8):
        digits = "".join(ch for ch in text if ch.isdigit())
        out += [text, text[: len(text) // 2 + 2], digits[-6:]]
    out += [
        "5555-01",
        "03-5123",
        "+81 90",
        "+81 3",
        "09012",
        "090-1234",
        "0120",
        "06-6",
        "+1 212",
        "+44 20 7",
        "+65 9",
        "(512)",
        "81312",
        "０３－５",
    ]
    # E-mail fragments.
    mails = [e.address for c in sample for e in c.emails]
    for address in rng.sample(mails, 6):
        local, domain = address.split("@")
        out += [local, "@" + domain]
    out += ["@example.co.jp", "@example.com", "t.yamada", "john.smith", "gmail", "example.go.jp"]
    # Fielded queries, alone and with free text.
    out += [
        "industry:legal",
        "industry:G",
        "industry:半導体",
        "industry:software",
        "industry:L",
        "industry:弁護士",
        "industry:fintech",
        "industry:E-pharma",
        "industry:ゼネコン",
        "industry:nosuchindustry",
    ]
    events = [e[0] for e in EVENTS]
    out += [f'event:"{e}"' for e in rng.sample(events, 3)]
    out += [f"event:{e.split()[0]}" for e in rng.sample(events, 3)]
    out += ['event:"Interop Tokyo"', "event:2025", "event:交流会", "event:ces"]
    out += [f"tag:{t}" for t in rng.sample(TAGS, 6)] + ["tag:investor", "tag:nosuchtag"]
    out += [f"company:{s}" for s, _ in rng.sample(JP_STEMS, 3)]
    out += [f"company:{s.lower()}" for s in rng.sample(EN_STEMS, 3)] + ["company:銀行"]
    out += [
        "yamada industry:legal",
        "山田 industry:G",
        "tag:investor event:2025",
        "田中 company:株式会社",
        "john industry:J",
        "弁護士 event:交流会",
        "sales tag:client",
        'event:"Shibuya" tag:investor industry:J-vc',
        "部長 company:商事 tag:要フォロー",
        "suzuki event:interop",
    ]
    # Multi-term.
    out += [
        "山田 営業部",
        "john sales",
        "tanaka 03",
        "佐藤 部長 東京",
        "smith capital partner",
        "やまだ たろう",
        "ヤマダ タロウ",
        "engineering manager",
        "渋谷区 渋谷",
        "東京都 港区",
        "new york",
        "150-0002",
        "丸の内 ビル",
        "API連携",
        "Series A",
        "follow up",
    ]
    # Misses.
    out += [
        "zzqxv",
        "存在しない名前",
        "qqqq xxxx",
        "ゐゑゐゑ",
        "xylophonist",
        "999999999999",
        "@nowhere.invalid",
        "ﾝﾝﾝﾝ",
        "漢字漢字漢字",
        "industry:legal zzqxv",
    ]
    # Hostile input.
    out += [
        '"',
        "AND",
        "*",
        "NEAR(",
        "(",
        'a"b',
        "OR",
        "NOT",
        '""',
        "')",
        "-",
        "^",
        "%",
        "_",
        "\\",
        "a OR b",
        "name:foo",
        "10:30",
        "col:",
        "\u200b",
        "   ",
        "NEAR(a b)",
        "{}",
        "'; DROP TABLE contact; --",
    ]
    result = list(dict.fromkeys(q for q in out if q))
    assert len(result) >= 220, len(result)
    return result


if __name__ == "__main__":
    for c in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        print(c)
