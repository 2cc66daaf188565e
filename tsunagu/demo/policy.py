"""つなぐ町's 政策化: a year of consultations for the figures, thirty barriers (from cases and
from dialogue) gathered into themes whose responses stand in every state, the city hall's
inventory of forty programmes across ten sections, requests for advice, two stories of 成解,
and the 地域福祉計画 with its indicators and logic models. Every name is invented."""

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tsunagu.accounts.models import District, Organization, User
from tsunagu.cases.models import Case
from tsunagu.core.calendar import fiscal_year_start, start_of_day
from tsunagu.demo.stories import OTHER_CONCERNS
from tsunagu.demo.town import PERSONAS, persona_email
from tsunagu.insights import services
from tsunagu.insights.models import Barrier, Program, Theme, ThemeStep
from tsunagu.intake.models import Consultation, Issue
from tsunagu.intake.services import record_consultation
from tsunagu.people.models import Person

SASAE = "つなぐ町自立相談支援センター「ささえ」"
KAWABE = "川辺地域包括支援センター"
SHAKYO = "社会福祉法人 つなぐ町社会福祉協議会"

# section, programme, purpose, target, target groups, functions, funding, budget (千円)
PROGRAMS = [
    (
        "企画課",
        "デマンド交通事業",
        "予約に応じて乗合タクシーを運行し、通院や買い物の移動を支える。",
        "町内に住む人（平日8時〜17時）",
        ["everyone"],
        ["transport"],
        ["general", "national"],
        8200,
    ),
    (
        "企画課",
        "地域公共交通計画推進事業",
        "町内バス路線の見直しと利用促進。",
        "町民",
        ["everyone"],
        ["transport", "information"],
        ["general"],
        1500,
    ),
    (
        "企画課",
        "移住定住促進事業",
        "空き家の紹介と移住者の相談窓口。",
        "町外からの移住希望者",
        ["everyone"],
        ["housing", "consultation"],
        ["national", "general"],
        4300,
    ),
    (
        "企画課",
        "地域おこし協力隊事業",
        "隊員が地域の担い手として活動する。",
        "町民・地域団体",
        ["businesses"],
        ["volunteers", "community"],
        ["national"],
        9600,
    ),
    (
        "商工観光課",
        "空き店舗活用事業",
        "商店街の空き店舗を交流や創業の場に改修する費用を助成する。",
        "商店街の事業者・団体",
        ["businesses"],
        ["place", "community"],
        ["national", "general"],
        3000,
    ),
    (
        "商工観光課",
        "商店街にぎわい創出事業",
        "商店街のイベントと共同の取組を支える。",
        "商店会",
        ["businesses"],
        ["community"],
        ["general"],
        1800,
    ),
    (
        "商工観光課",
        "創業支援事業",
        "創業の相談と資金の利子補給。",
        "町内で創業する人",
        ["everyone", "youth"],
        ["work", "consultation", "money"],
        ["prefecture", "general"],
        2200,
    ),
    (
        "長寿福祉課",
        "外出支援サービス事業",
        "要介護の高齢者の通院を送迎する。",
        "65歳以上の要介護認定者",
        ["elderly"],
        ["transport", "care"],
        ["care_insurance"],
        5100,
    ),
    (
        "長寿福祉課",
        "配食サービス事業",
        "ひとり暮らし高齢者に昼食を届け、安否を確認する。",
        "65歳以上のひとり暮らし・高齢者のみ世帯",
        ["elderly"],
        ["food", "watching"],
        ["care_insurance", "general"],
        6400,
    ),
    (
        "長寿福祉課",
        "通いの場支援事業",
        "住民が運営する通いの場の立ち上げと運営を支える。",
        "高齢者と地域の住民",
        ["elderly", "everyone"],
        ["place", "community"],
        ["care_insurance"],
        2600,
    ),
    (
        "長寿福祉課",
        "生活支援体制整備事業",
        "生活支援コーディネーターが地域の支え合いをつくる。",
        "高齢者と地域の住民",
        ["elderly", "everyone"],
        ["community", "volunteers"],
        ["care_insurance", "jusou"],
        7800,
    ),
    (
        "長寿福祉課",
        "認知症サポーター養成事業",
        "認知症を理解し見守る住民・事業者を増やす。",
        "町民・事業者",
        ["everyone", "businesses"],
        ["watching", "learning"],
        ["care_insurance"],
        400,
    ),
    (
        "障害福祉課",
        "移動支援事業",
        "障害のある人の外出に同行する。",
        "障害者手帳を持つ人",
        ["disability"],
        ["transport"],
        ["national", "prefecture", "general"],
        3900,
    ),
    (
        "障害福祉課",
        "地域活動支援センター事業",
        "創作活動や交流の場を提供する。",
        "障害のある人",
        ["disability"],
        ["place", "work"],
        ["national", "general"],
        6800,
    ),
    (
        "障害福祉課",
        "日中一時支援事業",
        "日中の見守りと家族の休息を支える。",
        "障害のある人とその家族",
        ["disability"],
        ["care", "watching"],
        ["national", "general"],
        2400,
    ),
    (
        "障害福祉課",
        "障害者就労支援連携事業",
        "事業所と企業をつなぎ、職場実習を調整する。",
        "障害のある人",
        ["disability"],
        ["work"],
        ["national"],
        1200,
    ),
    (
        "子育て支援課",
        "子ども食堂支援事業",
        "子ども食堂の運営費と食材の確保を支える。",
        "子どもと子育て世帯",
        ["children", "parents"],
        ["food", "place"],
        ["prefecture", "general"],
        1600,
    ),
    (
        "子育て支援課",
        "ファミリー・サポート・センター事業",
        "子育ての手助けをしてほしい人と手伝える人をつなぐ。",
        "子育て世帯",
        ["parents"],
        ["volunteers", "care"],
        ["national", "general"],
        2100,
    ),
    (
        "子育て支援課",
        "ヤングケアラー支援事業",
        "家族の世話をする子どもの相談と家事支援。",
        "18歳未満の子どもとその家族",
        ["children"],
        ["consultation", "care"],
        ["national", "general"],
        3300,
    ),
    (
        "子育て支援課",
        "放課後児童クラブ運営事業",
        "放課後の子どもの居場所を運営する。",
        "小学生と保護者",
        ["children", "parents"],
        ["place"],
        ["national", "prefecture", "general"],
        18500,
    ),
    (
        "福祉課",
        "多機関協働事業",
        "複雑な課題を抱える世帯の支援を、機関をまたいで調整する。",
        "属性を問わない",
        ["everyone"],
        ["consultation"],
        ["jusou"],
        12400,
    ),
    (
        "福祉課",
        "参加支援事業",
        "社会とのつながりをつくる場や役割を本人に合わせて探す。",
        "属性を問わない",
        ["everyone"],
        ["place", "work", "community"],
        ["jusou"],
        6100,
    ),
    (
        "福祉課",
        "アウトリーチ等を通じた継続的支援事業",
        "自ら相談に来られない人を訪ね、つながり続ける。",
        "属性を問わない",
        ["everyone", "youth"],
        ["watching", "consultation"],
        ["jusou"],
        5200,
    ),
    (
        "福祉課",
        "生活困窮者自立相談支援事業",
        "生活に困っている人の相談と支援プラン。",
        "生活に困窮している人",
        ["hardship"],
        ["consultation", "work", "money"],
        ["national", "general"],
        14800,
    ),
    (
        "福祉課",
        "住居確保給付金",
        "離職などで家賃が払えない人に家賃相当額を支給する。",
        "離職・減収した人",
        ["hardship"],
        ["housing", "money"],
        ["national", "general"],
        3600,
    ),
    (
        "福祉課",
        "家計改善支援事業",
        "家計の立て直しを一緒に考える。",
        "生活に困窮している人",
        ["hardship"],
        ["money", "consultation"],
        ["national", "general"],
        2300,
    ),
    (
        "税務課",
        "納税相談事業",
        "分割納付などの相談に応じる。",
        "町税の納税者",
        ["everyone"],
        ["consultation", "money"],
        ["general"],
        300,
    ),
    (
        "住民課",
        "外国人住民相談窓口",
        "やさしい日本語と通訳で手続を案内する。",
        "外国人住民",
        ["foreign"],
        ["consultation", "information"],
        ["general"],
        900,
    ),
    (
        "学校教育課",
        "スクールソーシャルワーカー活用事業",
        "学校と家庭、関係機関をつなぐ。",
        "児童生徒とその家庭",
        ["children", "parents"],
        ["consultation"],
        ["national", "prefecture", "general"],
        4700,
    ),
    (
        "学校教育課",
        "教育支援センター（適応指導教室）運営事業",
        "学校に行きにくい子の居場所と学習支援。",
        "小中学生",
        ["children"],
        ["place", "learning"],
        ["general"],
        3800,
    ),
    (
        "生涯学習課",
        "公民館講座事業",
        "公民館で町民向けの講座を開く。",
        "町民",
        ["everyone"],
        ["learning", "place"],
        ["general"],
        2600,
    ),
    (
        "生涯学習課",
        "図書館運営事業",
        "図書館の運営と移動図書館の巡回。",
        "町民",
        ["everyone"],
        ["learning", "place", "information"],
        ["general"],
        21000,
    ),
    (
        "生涯学習課",
        "地域学校協働活動推進事業",
        "地域の人が学校の活動に参加する仕組みをつくる。",
        "児童生徒と地域の住民",
        ["children", "everyone"],
        ["community", "volunteers"],
        ["national", "prefecture", "general"],
        1100,
    ),
    (
        "建設課",
        "町営住宅管理事業",
        "町営住宅の入居と管理。",
        "住宅に困っている世帯",
        ["hardship", "elderly"],
        ["housing"],
        ["general"],
        16300,
    ),
    (
        "建設課",
        "住宅改修助成事業",
        "手すりや段差解消などの改修費を助成する。",
        "町内に住宅を持つ人",
        ["everyone", "elderly"],
        ["housing", "money"],
        ["general"],
        2500,
    ),
    (
        "健康づくり課",
        "こころの健康相談事業",
        "保健師と精神保健福祉士による相談。",
        "町民",
        ["everyone"],
        ["consultation", "care"],
        ["prefecture", "general"],
        700,
    ),
    (
        "健康づくり課",
        "自殺対策推進事業",
        "ゲートキーパー研修と相談窓口の周知。",
        "町民・事業者",
        ["everyone", "businesses"],
        ["learning", "information", "watching"],
        ["prefecture", "general"],
        800,
    ),
    (
        "健康づくり課",
        "特定健康診査事業",
        "生活習慣病の早期発見。",
        "40〜74歳の国民健康保険加入者",
        ["everyone"],
        ["care"],
        ["national", "general"],
        11900,
    ),
    (
        "農林課",
        "農福連携推進事業",
        "農家と福祉事業所をつなぎ、農作業の仕事をつくる。",
        "農業者・障害福祉サービス事業所",
        ["disability", "businesses"],
        ["work", "community"],
        ["national", "prefecture"],
        1400,
    ),
    (
        "農林課",
        "耕作放棄地対策事業",
        "耕作放棄地の再生と活用。",
        "農業者・地域団体",
        ["businesses"],
        ["community"],
        ["national", "general"],
        2000,
    ),
]

# what would have helped, blocked by, detail, programme named, gap, district, source, occasion
DIALOGUE_BARRIERS = [
    (
        "夜間や土日に通院する人の移動手段があれば、受診をあきらめずに済んだ",
        "transport",
        "デマンド交通は平日の日中だけで、外出支援は要介護認定が必要。",
        "企画課 デマンド交通事業",
        False,
        "03",
        "provider_talk",
        "第2回 受託事業者とのおしゃべり会",
    ),
    (
        "山手地区から町の中心まで、バスが朝夕以外にもあれば",
        "transport",
        "",
        "企画課 地域公共交通計画推進事業",
        False,
        "03",
        "circle",
        "山手地区の車座",
    ),
    (
        "保証人がいなくても入れる住まいがあれば、退院先が見つかった",
        "requirements",
        "町営住宅は保証人が必要で、民間アパートは高齢を理由に断られる。",
        "建設課 町営住宅管理事業",
        True,
        "02",
        "provider_talk",
        "第2回 受託事業者とのおしゃべり会",
    ),
    (
        "家賃の安い部屋を一時的に使える仕組みがあれば",
        "funding",
        "住居確保給付金は離職者が対象で、年金だけの人は使えない。",
        "福祉課 住居確保給付金",
        True,
        "01",
        "hall_walk",
        "建設課との庁内散歩",
    ),
    (
        "ひきこもりの若者が昼間に通える場所があれば",
        "place",
        "地域活動支援センターは障害の手帳が前提になっている。",
        "障害福祉課 地域活動支援センター事業",
        True,
        "02",
        "provider_talk",
        "第3回 受託事業者とのおしゃべり会",
    ),
    (
        "手帳がなくても参加できる就労体験の場があれば",
        "requirements",
        "",
        "障害福祉課 障害者就労支援連携事業",
        True,
        "01",
        "circle",
        "福祉課と商工観光課の車座",
    ),
    (
        "夜に相談できる窓口があれば、家族が一人で抱え込まずに済んだ",
        "staff",
        "どの窓口も17時15分で閉まる。",
        "",
        True,
        "",
        "provider_talk",
        "第1回 受託事業者とのおしゃべり会",
    ),
    (
        "各課の窓口で同じ話を何度もしなくて済めば",
        "silos",
        "税、水道、福祉で別々に事情を聞かれ、本人が疲れてしまう。",
        "税務課 納税相談事業",
        False,
        "",
        "hall_walk",
        "税務課との庁内散歩",
    ),
    (
        "滞納の情報が早く福祉につながれば、もっと手前で支援できた",
        "silos",
        "",
        "税務課 納税相談事業",
        False,
        "",
        "hall_walk",
        "税務課との庁内散歩",
    ),
    (
        "外国人住民が読めるお知らせがあれば",
        "information",
        "制度の案内が日本語だけ。",
        "住民課 外国人住民相談窓口",
        False,
        "02",
        "circle",
        "駅前地区の車座",
    ),
    (
        "子ども食堂に来られない子の家に、食事を届ける手段があれば",
        "transport",
        "",
        "子育て支援課 子ども食堂支援事業",
        False,
        "01",
        "provider_talk",
        "第3回 受託事業者とのおしゃべり会",
    ),
    (
        "ヤングケアラーの家に家事の手伝いを頼める仕組みがあれば",
        "funding",
        "家事支援の回数が少なく、すぐに上限に達する。",
        "子育て支援課 ヤングケアラー支援事業",
        False,
        "02",
        "circle",
        "学校教育課との車座",
    ),
    (
        "空き店舗を居場所に使うとき、家賃の一部を助けてもらえれば",
        "funding",
        "改修費は出るが、家賃の補助はない。",
        "商工観光課 空き店舗活用事業",
        False,
        "01",
        "circle",
        "川辺銀座商店街の車座",
    ),
    (
        "農作業を手伝いたい人と農家をつなぐ人がいれば",
        "staff",
        "",
        "農林課 農福連携推進事業",
        False,
        "03",
        "circle",
        "山手地区の車座",
    ),
    (
        "ゴミ出しが難しい高齢者を手伝う仕組みがあれば",
        "other",
        "戸別収集は要介護3以上が条件。",
        "",
        True,
        "01",
        "hall_walk",
        "住民課との庁内散歩",
    ),
    (
        "認知症の人が安心して買い物できる店が増えれば",
        "information",
        "",
        "長寿福祉課 認知症サポーター養成事業",
        False,
        "01",
        "provider_talk",
        "第2回 受託事業者とのおしゃべり会",
    ),
    (
        "学校に行きにくい子が午後にも過ごせる場所があれば",
        "place",
        "教育支援センターは午前中だけ開いている。",
        "学校教育課 教育支援センター（適応指導教室）運営事業",
        False,
        "02",
        "circle",
        "学校教育課との車座",
    ),
    (
        "福祉の人が公民館講座に参加を呼びかけられれば",
        "silos",
        "",
        "生涯学習課 公民館講座事業",
        False,
        "",
        "hall_walk",
        "生涯学習課との庁内散歩",
    ),
    (
        "ペットを飼っている人が入院するとき、預け先があれば",
        "other",
        "",
        "",
        True,
        "",
        "provider_talk",
        "第3回 受託事業者とのおしゃべり会",
    ),
    (
        "移動図書館の巡回先で、見守りの声かけができれば",
        "silos",
        "",
        "生涯学習課 図書館運営事業",
        False,
        "03",
        "hall_walk",
        "生涯学習課との庁内散歩",
    ),
]

CASE_BARRIERS = [
    (
        "退院後の通院に付き添ってくれる人がいれば",
        "transport",
        "",
        "長寿福祉課 外出支援サービス事業",
    ),
    ("息子さんが昼間に過ごせる場があれば", "place", "", ""),
    ("家計の相談を夜に受けてもらえれば", "staff", "", "福祉課 家計改善支援事業"),
    ("保証人なしで借りられる部屋があれば", "requirements", "", "建設課 町営住宅管理事業"),
    ("介護と育児を同時に相談できる窓口があれば", "silos", "", ""),
    ("日本語の書類を一緒に読んでくれる人がいれば", "information", "", "住民課 外国人住民相談窓口"),
    ("短時間から働ける職場があれば", "requirements", "", "障害福祉課 障害者就労支援連携事業"),
    ("医療費の支払いを分けられれば", "funding", "", ""),
    ("一緒に買い物に行ける人がいれば", "staff", "", ""),
    ("家族が休める預け先があれば", "place", "", "障害福祉課 日中一時支援事業"),
]

# title, description, barrier indexes (dialogue), status path, decision, decision text, programme
THEMES = [
    (
        "通院の移動手段がない",
        "夜間・休日と山手地区からの通院の足がない。",
        [0, 1, 10],
        ["considering", "decided", "implementing"],
        "budget",
        "令和9年度予算でデマンド交通の夜間便・土曜便を要求する（企画課と協議）。",
        "デマンド交通事業",
    ),
    (
        "保証人のいない人の住まい",
        "退院先・転居先が見つからない。",
        [2, 3],
        ["considering", "decided"],
        "system",
        "居住支援法人の指定と、町営住宅の保証人要件の見直しを県に提案する。",
        "町営住宅管理事業",
    ),
    (
        "手帳がなくても通える場と働く場",
        "障害の手帳が前提の事業ばかりで、ひきこもりの人が使えない。",
        [4, 5, 13],
        ["considering", "decided", "implementing", "reviewed"],
        "operation",
        "地域活動支援センターの空き時間を参加支援事業の居場所として使う協定を結んだ。",
        "地域活動支援センター事業",
    ),
    (
        "夜間・休日の相談窓口",
        "窓口が17時15分で閉まり、家族が抱え込む。",
        [6],
        ["considering", "decided"],
        "no_action",
        "町単独での夜間窓口は人員の確保が難しく、当面は県の24時間電話相談を案内する。1年後に見直す。",
        "",
    ),
    (
        "庁内で同じ話を何度も聞かれる",
        "税・水道・福祉で別々に事情を聞かれる。",
        [7, 8, 17],
        ["considering", "decided", "implementing"],
        "other_section",
        "税務課・上下水道課と「つなぐシート」（本人同意のうえで共有）を試行するよう提案した。",
        "納税相談事業",
    ),
    (
        "外国人住民へのお知らせ",
        "制度の案内が日本語だけ。",
        [9],
        ["considering"],
        "",
        "",
        "外国人住民相談窓口",
    ),
    (
        "空き店舗を居場所に",
        "改修費は出るが家賃の補助がない。",
        [12],
        [],
        "",
        "",
        "空き店舗活用事業",
    ),
    (
        "子どもの午後の居場所",
        "教育支援センターが午前だけ。",
        [16, 11],
        ["considering"],
        "",
        "",
        "教育支援センター（適応指導教室）運営事業",
    ),
]

ADVICE = [
    (
        "consultant",
        "8050世帯の息子さんへの関わり方",
        "80代の母と50代の息子の二人暮らし。息子は10年ほど就労しておらず、訪問しても部屋から出てこない。母は息子の将来を心配している。",
        "最初の接点をどうつくればよいか。母への支援から入るべきか。",
        "母親の通院に同行するなど、母への支援から関係をつくってはどうか。息子さんには手紙で、こちらの存在だけを知らせるのがよいと思います。",
        True,
    ),
    (
        "partner",
        "認知症の疑いがある独居の方の金銭管理",
        "70代後半の一人暮らしの女性。最近、同じ物を何度も買っている。遠方に娘がいるが連絡は年に数回。",
        "日常生活自立支援事業につなぐ前に、何を確かめておくとよいか。",
        "本人の意思の確認と、娘さんへの連絡の同意を先に。社協の担当者と一緒に訪問できます。",
        False,
    ),
    (
        "consultant",
        "外国籍の母子世帯の家計",
        "30代の母と小学生の子の二人世帯。母は日本語の読み書きが難しく、公共料金の督促が重なっている。",
        "通訳の確保と、家計の相談をどう組み立てるか。",
        "",
        False,
    ),
]

STORIES = [
    (
        "community",
        "立ち飲み屋から将棋の先生へ",
        "staff",
        "商店街の立ち飲み屋の店主が、常連の男性の顔色が悪いと気にかけていた。山本が店に顔を出すうちに、店主を通じて男性と話すようになった。男性は若いころ将棋の指導をしていたと言い、川辺のサロンで将棋を教えてもらえないかと頼んだ。今では毎週金曜、サロンに子どもたちが将棋を習いに来ている。男性は「役に立てるのがうれしい」と話している。",
        "Aさんはある店の常連で、店主が顔色が悪いと気にかけていた。職員が店に顔を出すうちに、店主を通じてAさんと話すようになった。Aさんは若いころ将棋の指導をしていたと言い、地域のサロンで将棋を教えてもらえないかと頼んだ。今では毎週、サロンに子どもたちが将棋を習いに来ている。Aさんは「役に立てるのがうれしい」と話している。",
    ),
    (
        "coordinator",
        "税務課の窓口から始まった支援",
        "staff",
        "税務課の職員が、分割納付の相談に来た女性の様子が気になり、本人の同意を得て多機関協働の窓口に電話をくれた。女性は夫を亡くしてから家計が回らず、息子の不登校も重なっていた。支援会議で学校と自立相談支援機関が役割を分け、半年後には家計が落ち着き、息子も教育支援センターに通い始めた。",
        "税務課の職員が、分割納付の相談に来たAさんの様子が気になり、本人の同意を得て多機関協働の窓口に電話をくれた。Aさんは夫を亡くしてから家計が回らず、子どもの不登校も重なっていた。支援会議で学校と自立相談支援機関が役割を分け、半年後には家計が落ち着き、子どもも教育支援センターに通い始めた。",
    ),
]


def _at(days_ago: int, hour: int = 10) -> dt.datetime:
    return start_of_day(timezone.localdate() - dt.timedelta(days=days_ago)) + dt.timedelta(
        hours=hour
    )


def _backdate(model: Any, pk: int, **values: Any) -> None:
    model.objects.filter(pk=pk).update(**values)


def _year_of_consultations(rng: random.Random, users: dict[str, User]) -> int:
    """Consultations of the twelve months before the casework's: the dashboard's year."""
    agencies = {name: Organization.objects.get(name=name) for name in (SASAE, KAWABE, SHAKYO)}
    workers = {SASAE: users["consultant"], KAWABE: users["partner"], SHAKYO: users["coordinator"]}
    issues = {i.code: i for i in Issue.objects.all()}
    known = {
        name: list(
            Person.objects.filter(links__organization=agency).values_list("pk", flat=True)[:60]
        )
        for name, agency in agencies.items()
    }
    channels = ["phone", "phone", "visit", "visit", "agency", "community", "home_visit", "email"]
    made = 0
    for days_ago in range(160, 520):
        if rng.random() > 0.5:
            continue
        agency = rng.choices([SASAE, KAWABE, SHAKYO], weights=[5, 3, 2])[0]
        concerns = rng.sample(OTHER_CONCERNS, rng.choice([1, 1, 2, 2, 3]))
        consultation = _consultation(
            rng,
            workers[agency],
            agencies[agency],
            concerns,
            issues,
            known[agency],
            days_ago,
            channels,
        )
        if rng.random() < 0.8:
            _backdate(
                Consultation,
                consultation.pk,
                first_response_at=consultation.received_at
                + dt.timedelta(hours=rng.choice([1, 3, 20, 30, 70, 150])),
                first_response_by=workers[agency],
                first_response="電話で状況を聞き、必要な窓口を案内した。",
            )
        made += 1
    return made


def _consultation(
    rng: random.Random,
    worker: User,
    agency: Organization,
    concerns: list[tuple[str, str, str]],
    issues: dict[str, Issue],
    people: list[int],
    days_ago: int,
    channels: list[str],
) -> Consultation:
    from tsunagu.people.models import Person

    person = (
        Person.objects.filter(pk=rng.choice(people)).first()
        if people and rng.random() < 0.4
        else None
    )
    tagged = [issues[c[1]] for c in concerns if c[1] in issues]
    return record_consultation(
        actor=worker,
        organization=agency,
        main_concern=concerns[0][2],
        person=person,
        received_at=_at(days_ago, rng.randint(9, 17)),
        channel=rng.choice(channels),
        issues=tagged,
        main_issue=tagged[0] if tagged else None,
        disposition=rng.choice(["information", "information", "referred", "case", "collaboration"]),
    )


@transaction.atomic
def build_policy() -> dict[str, int]:
    if Program.objects.exists():
        return {"programmes": 0}
    rng = random.Random(20261204)  # noqa: S311 - invented data, not security
    users = {p.local_part: User.objects.get(email=persona_email(p)) for p in PERSONAS}
    manager, coordinator = users["manager"], users["coordinator"]
    districts = {d.code: d for d in District.objects.all()}
    this_year = fiscal_year_start().year
    consultations = _year_of_consultations(rng, users)

    programs = {}
    for section, name, purpose, target, groups, functions, funding, budget in PROGRAMS:
        programs[name] = services.record_program(
            actor=manager,
            fiscal_year=this_year,
            section=section,
            name=name,
            purpose=purpose,
            target=target,
            targets=groups,
            functions=functions,
            funding=funding,
            budget=budget,
            staff=f"{section} 担当係",
            contact="0123-45-1100",
        )

    barriers: list[Barrier] = []
    for n, (would_help, blocked, detail, program, gap, district, source, occasion) in enumerate(
        DIALOGUE_BARRIERS
    ):
        days_ago = 20 + n * 17
        barrier = services.record_dialogue_barrier(
            actor=coordinator if source == "provider_talk" else manager,
            source=source,
            occasion=occasion,
            noticed_on=timezone.localdate() - dt.timedelta(days=days_ago),
            would_help=would_help,
            blocked_by=blocked,
            detail=detail,
            program=program,
            is_gap=gap,
            district=districts.get(district),
            names_checked=True,
        )
        _backdate(Barrier, barrier.pk, created_at=_at(days_ago))
        barriers.append(barrier)
    cases = list(Case.objects.filter(lead_worker__isnull=False).order_by("pk")[:40])
    for n, (would_help, blocked, detail, program) in enumerate(CASE_BARRIERS):
        case = cases[n * 3 % len(cases)]
        barrier = services.record_barrier(
            actor=case.lead_worker,
            case=case,
            would_help=would_help,
            blocked_by=blocked,
            detail=detail,
            program=program,
            source=rng.choice(["case", "plan", "evaluation"]),
        )
        _backdate(Barrier, barrier.pk, created_at=_at(15 + n * 31))

    for n, (title, description, indexes, path, decision, decision_text, program) in enumerate(
        THEMES
    ):
        theme = services.create_theme(
            actor=manager,
            title=title,
            description=description,
            barriers=[barriers[i] for i in indexes],
            owner=manager if n % 2 == 0 else coordinator,
            due_on=timezone.localdate() + dt.timedelta(days=30 + 20 * n),
        )
        for status in path:
            services.advance_theme(
                actor=manager,
                theme=theme,
                status=status,
                decision=decision if status == "decided" else "",
                decision_text=decision_text if status == "decided" else "",
                note={
                    "considering": "関係課と現状を確認する。",
                    "implementing": "関係課と実施に向けた準備を始めた。",
                    "reviewed": "半年の利用状況を確かめ、続けることにした。",
                }.get(status, ""),
                program=programs.get(program) if status == "decided" else None,
            )
        for k, step in enumerate(ThemeStep.objects.filter(theme=theme).order_by("pk")):
            _backdate(ThemeStep, step.pk, taken_at=_at(200 - 40 * k - 5 * n))
        _backdate(Theme, theme.pk, created_at=_at(200 - 5 * n))
    for barrier, program, lacks in (
        (barriers[0], "デマンド交通事業", "平日の日中だけで、夜間と土日は運行していない。"),
        (barriers[0], "外出支援サービス事業", "要介護認定を受けた人に限られる。"),
        (barriers[4], "地域活動支援センター事業", "障害の手帳が前提になっている。"),
        (barriers[2], "町営住宅管理事業", "連帯保証人が必要。"),
    ):
        services.link_program(
            actor=manager, barrier=barrier, program=programs[program], lacks=lacks
        )

    hub = Organization.objects.get(name=SHAKYO)
    for asker, topic, situation, question, answer, settled in ADVICE:
        request = services.ask_advice(
            actor=users[asker],
            hub=hub,
            topic=topic,
            situation=situation,
            question=question,
            names_checked=True,
        )
        if answer:
            services.reply_advice(
                actor=coordinator,
                request=request,
                text=answer,
                follow_up_on=timezone.localdate() + dt.timedelta(days=14),
                names_checked=True,
            )
        if settled:
            services.reply_advice(
                actor=users[asker],
                request=request,
                text="助言のとおり進めています。ありがとうございました。",
                settle=True,
            )

    for author, title, told_by, body, shared in STORIES:
        story = services.record_narrative(
            actor=users[author],
            title=title,
            told_by=told_by,
            body=body,
            consent_on=timezone.localdate() - dt.timedelta(days=40),
            consent_how="登場する本人と関係者に、研修と議会への報告に使うことを口頭で確認した。",
        )
        services.share_narrative(
            actor=users[author], narrative=story, shared_body=shared, names_checked=True
        )

    plan = services.create_welfare_plan(
        actor=manager,
        name="第3期つなぐ町地域福祉計画",
        first_year=this_year - 2,
        last_year=this_year + 2,
        vision="だれもが役割をもち、困ったときに「困った」と言える町。",
    )
    collaboration = services.add_logic_model(
        actor=manager,
        plan=plan,
        program=programs["多機関協働事業"],
        title="多機関協働事業",
        inputs="多機関協働コーディネーター2名、重層的支援体制整備事業交付金",
        activities="重層的支援会議・支援会議の開催、支援者支援、庁内散歩",
        outputs="支援決定件数、支援者支援の件数",
        outcomes="複雑な課題のある世帯が、断られずに支援につながる",
    )
    participation = services.add_logic_model(
        actor=manager,
        plan=plan,
        program=programs["参加支援事業"],
        title="参加支援事業",
        inputs="参加支援コーディネーター1名、協力事業者",
        activities="本人に合う場と役割の開拓、定着支援",
        outputs="参加支援の対象者数、協力事業者数",
        outcomes="孤立していた人が、地域に役割と居場所をもつ",
    )
    indicators = [
        (
            "新規相談件数",
            "counted",
            "consultations",
            "",
            "output",
            "件",
            "up",
            "180",
            "250",
            collaboration,
        ),
        (
            "人口10万人・1か月あたりの新規相談件数",
            "counted",
            "consultations_per_100k",
            "",
            "output",
            "件",
            "up",
            "120",
            "170",
            collaboration,
        ),
        (
            "支援決定件数",
            "counted",
            "support_decided",
            "",
            "output",
            "件",
            "up",
            "4",
            "12",
            collaboration,
        ),
        (
            "参加支援の対象者数",
            "counted",
            "participation_people",
            "",
            "output",
            "人",
            "up",
            "3",
            "15",
            participation,
        ),
        (
            "協力事業者数",
            "counted",
            "participation_hosts",
            "",
            "output",
            "事業者",
            "up",
            "2",
            "10",
            participation,
        ),
        (
            "山手地区の車座の開催回数",
            "counted",
            "gatherings",
            "03",
            "output",
            "回",
            "up",
            "1",
            "6",
            None,
        ),
        (
            "困ったときに相談できる人がいる町民の割合",
            "survey",
            "",
            "",
            "outcome",
            "%",
            "up",
            "61.5",
            "70",
            None,
        ),
        (
            "地域の活動に参加している町民の割合",
            "survey",
            "",
            "",
            "outcome",
            "%",
            "up",
            "28.0",
            "35",
            participation,
        ),
    ]
    made_indicators = []
    for (
        name,
        source,
        metric,
        district,
        level,
        unit,
        direction,
        baseline,
        target,
        model,
    ) in indicators:
        made_indicators.append(
            services.add_indicator(
                actor=manager,
                plan=plan,
                name=name,
                source=source,
                metric=metric,
                survey="町民意識調査（毎年6月）" if source == "survey" else "",
                district=districts.get(district),
                level=level,
                unit=unit,
                direction=direction,
                baseline=Decimal(baseline),
                baseline_year=this_year - 3,
                target=Decimal(target),
                target_year=this_year + 2,
                logic_model=model,
            )
        )
    for indicator, values in (
        (made_indicators[6], ("62.8", "64.1", "65.0")),
        (made_indicators[7], ("28.9", "30.2", "31.5")),
    ):
        for offset, value in enumerate(values):
            services.record_indicator_value(
                actor=manager,
                indicator=indicator,
                fiscal_year=this_year - 2 + offset,
                value=Decimal(value),
                note="町民意識調査",
            )
    return {
        "consultations of the year": consultations,
        "programmes": len(programs),
        "barriers": len(DIALOGUE_BARRIERS) + len(CASE_BARRIERS),
        "themes": len(THEMES),
        "requests for advice": len(ADVICE),
        "stories": len(STORIES),
    }
