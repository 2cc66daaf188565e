"""つなぐ町's 地域づくり: the 山手お茶のみ会 (a salon in the 山手公民館) and 立ち飲み よりみち with
their gatekeepers and the staff who drop in; a monthly 車座 over the past year where welfare
staff, the まちづくり会社, the shopping street, farmers, the bus company, a school, the hospital,
a former ひきこもり and a professor meet — and the ties it made; a フィールドワーク, a ラウンド
テーブル and a gatekeeper training; the encounters the coordinator arranged (some became ties);
and the public events of the coming weeks. Built once, through the services."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tsunagu.accounts.models import District, Organization, User
from tsunagu.community import services
from tsunagu.community.choices import ActorKind, HowMet, IdeaKind, IdeaStatus, PlaceKind
from tsunagu.community.choices import Field as F
from tsunagu.community.models import Actor, Gatekeeper, Gathering, GatheringType, Place
from tsunagu.core.calendar import add_months
from tsunagu.demo.town import PERSONAS, persona_email
from tsunagu.insights.services import barrier_from_idea
from tsunagu.outreach.choices import Urgency
from tsunagu.resources.models import Resource

ORGANIZATIONS = [
    # key, name, kana, field, district, agency in Tsunagu, interests
    (
        "shakyo",
        "つなぐ町社会福祉協議会",
        "ツナグチョウシャカイフクシキョウギカイ",
        F.WELFARE,
        None,
        "社会福祉法人 つなぐ町社会福祉協議会",
        "居場所 見守り ボランティア 孤立 子ども食堂",
    ),
    (
        "sasae",
        "自立相談支援センター「ささえ」",
        "ジリツソウダンシエンセンターササエ",
        F.WELFARE,
        "02",
        "つなぐ町自立相談支援センター「ささえ」",
        "就労体験 家計 孤立 住まい 空き家",
    ),
    (
        "houkatsu",
        "川辺地域包括支援センター",
        "カワベチイキホウカツシエンセンター",
        F.WELFARE,
        "01",
        "川辺地域包括支援センター",
        "見守り 認知症 買い物 移動",
    ),
    (
        "engawa",
        "NPO法人 まちの縁側",
        "マチノエンガワ",
        F.WELFARE,
        "02",
        "NPO法人 まちの縁側",
        "居場所 子ども食堂 不登校 空き店舗",
    ),
    (
        "machi",
        "株式会社 まちづくりつなぐ",
        "マチヅクリツナグ",
        F.MACHIZUKURI,
        "01",
        None,
        "空き店舗 空き家 商店街 イベント 移住",
    ),
    (
        "shotenkai",
        "川辺商店会",
        "カワベショウテンカイ",
        F.SHOPS,
        "01",
        None,
        "商店街 空き店舗 祭り 買い物 見守り",
    ),
    (
        "yorimichi",
        "立ち飲み よりみち",
        "タチノミヨリミチ",
        F.SHOPS,
        "01",
        None,
        "常連 見守り 商店街 居場所",
    ),
    (
        "sakamoto",
        "理容 さかもと",
        "リヨウサカモト",
        F.SHOPS,
        "01",
        None,
        "常連 見守り 高齢者 認知症",
    ),
    (
        "farm",
        "山手ふれあい農園の会",
        "ヤマテフレアイノウエンノカイ",
        F.AGRICULTURE,
        "03",
        None,
        "農業体験 耕作放棄地 野菜 就労体験 子ども",
    ),
    (
        "ja",
        "JAつなぐ 山手支店",
        "ジェイエーツナグヤマテシテン",
        F.AGRICULTURE,
        "03",
        None,
        "移動販売 耕作放棄地 担い手 野菜",
    ),
    (
        "bus",
        "つなぐ交通（コミュニティバス）",
        "ツナグコウツウ",
        F.TRANSPORT,
        "02",
        None,
        "移動 買い物 通院 高齢者 運転手",
    ),
    (
        "school",
        "町立川辺小学校",
        "チョウリツカワベショウガッコウ",
        F.EDUCATION,
        "01",
        None,
        "不登校 子ども 放課後 地域学習",
    ),
    (
        "hospital",
        "つなぐ中央病院 地域医療連携室",
        "ツナグチュウオウビョウイン",
        F.MEDICAL,
        "02",
        "つなぐ中央病院 地域医療連携室",
        "退院 通院 認知症 孤立",
    ),
    (
        "welfare_section",
        "つなぐ町役場 福祉課",
        "ツナグチョウヤクバフクシカ",
        F.GOVERNMENT,
        None,
        "つなぐ町役場 福祉課 地域共生推進係",
        "重層 孤立 制度の狭間 住まい",
    ),
    (
        "planning",
        "つなぐ町役場 企画課",
        "ツナグチョウヤクバキカクカ",
        F.GOVERNMENT,
        None,
        None,
        "空き家 移住 公共交通 まちづくり",
    ),
    (
        "jichikai",
        "山手地区自治会連合会",
        "ヤマテチクジチカイレンゴウカイ",
        F.RESIDENTS,
        "03",
        None,
        "見守り 移動 祭り 集落 高齢者",
    ),
    (
        "families",
        "ひきこもり家族の集い",
        "ヒキコモリカゾクノツドイ",
        F.PEER,
        "02",
        None,
        "ひきこもり 居場所 就労体験 家族",
    ),
    (
        "university",
        "つなぐ大学 地域連携センター",
        "ツナグダイガクチイキレンケイセンター",
        F.ACADEMIA,
        "02",
        None,
        "地域学習 空き家 フィールドワーク 学生ボランティア",
    ),
    ("kawasemi", "喫茶 かわせみ", "キッサカワセミ", F.SHOPS, "01", None, "常連 居場所 うたごえ"),
    (
        "library",
        "つなぐ町立図書館",
        "ツナグチョウリツトショカン",
        F.CULTURE,
        "02",
        None,
        "居場所 本 不登校 子ども",
    ),
]

PEOPLE = [
    # key, name, kana, field, role, belongs to, district, interests, agreed (days ago)
    (
        "onishi",
        "大西 茂",
        "オオニシ シゲル",
        F.SHOPS,
        "店主",
        "yorimichi",
        "01",
        "常連の見守り 商店街の祭り 空き店舗",
        400,
    ),
    (
        "morita",
        "森田 健太郎",
        "モリタ ケンタロウ",
        F.MACHIZUKURI,
        "代表",
        "machi",
        "01",
        "空き店舗 空き家 リノベーション 移住 居場所",
        380,
    ),
    (
        "fujii",
        "藤井 直樹",
        "フジイ ナオキ",
        F.ACADEMIA,
        "教授（地域福祉）",
        "university",
        "02",
        "フィールドワーク 孤立 地域学習 農業体験",
        380,
    ),
    (
        "sasaki",
        "佐々木 亮",
        "ササキ リョウ",
        F.PEER,
        "当事者として（元ひきこもり）",
        "families",
        "02",
        "ひきこもり 居場所 就労体験 農業体験 ゲーム",
        300,
    ),
    (
        "sakamoto_m",
        "坂本 美千代",
        "サカモト ミチヨ",
        F.SHOPS,
        "店主",
        "sakamoto",
        "01",
        "常連の見守り 認知症 高齢者",
        200,
    ),
    (
        "ishikawa",
        "石川 信夫",
        "イシカワ ノブオ",
        F.RESIDENTS,
        "山手地区 自治会世話役",
        "jichikai",
        "03",
        "集落の見守り 移動 買い物 祭り",
        360,
    ),
    (
        "nakajima",
        "中島 早苗",
        "ナカジマ サナエ",
        F.AGRICULTURE,
        "代表",
        "farm",
        "03",
        "農業体験 耕作放棄地 子ども 就労体験",
        330,
    ),
    (
        "ogawa",
        "小川 大介",
        "オガワ ダイスケ",
        F.TRANSPORT,
        "運行管理",
        "bus",
        "02",
        "移動 買い物 通院 デマンド交通",
        300,
    ),
    (
        "kawaguchi",
        "川口 恵子",
        "カワグチ ケイコ",
        F.EDUCATION,
        "教頭",
        "school",
        "01",
        "不登校 放課後 地域学習 子ども食堂",
        280,
    ),
    (
        "okada",
        "岡田 美和子",
        "オカダ ミワコ",
        F.PEER,
        "世話人",
        "families",
        "02",
        "ひきこもり 家族 居場所",
        300,
    ),
]

#: Ties the town had before the 車座 began (through work), as (one, other, months ago).
EARLIER_TIES = [
    ("shakyo", "houkatsu", 30),
    ("shakyo", "sasae", 30),
    ("shakyo", "engawa", 24),
    ("sasae", "welfare_section", 30),
    ("houkatsu", "hospital", 26),
    ("shotenkai", "yorimichi", 40),
    ("shotenkai", "sakamoto", 40),
    ("shotenkai", "kawasemi", 40),
    ("onishi", "yorimichi", 40),
    ("sakamoto_m", "sakamoto", 40),
    ("farm", "ja", 36),
    ("nakajima", "farm", 36),
    ("jichikai", "ishikawa", 36),
    ("families", "okada", 30),
    ("families", "sasaki", 20),
    ("university", "fujii", 40),
    ("bus", "ogawa", 30),
    ("school", "kawaguchi", 20),
    ("planning", "welfare_section", 40),
    ("machi", "morita", 40),
    ("planning", "machi", 24),
    ("engawa", "families", 18),
    ("shakyo", "jichikai", 20),
]

#: The monthly 車座: (months ago, topic, who came by field, new ties as (one, other), named,
#: what came out, ideas).
KURUMAZA = [
    (
        12,
        "はじめての車座：それぞれの困りごと",
        {
            F.WELFARE: 6,
            F.MACHIZUKURI: 2,
            F.SHOPS: 3,
            F.GOVERNMENT: 2,
            F.ACADEMIA: 1,
            F.RESIDENTS: 2,
        },
        [("morita", "shakyo"), ("onishi", "houkatsu")],
        ["morita", "onishi", "fujii"],
        "福祉の話を初めて聞いた、という声が多かった。次回は商店街で。",
        [],
    ),
    (
        11,
        "商店街の空き店舗をどう使う？",
        {F.WELFARE: 5, F.MACHIZUKURI: 3, F.SHOPS: 5, F.GOVERNMENT: 1, F.RESIDENTS: 3},
        [("machi", "engawa")],
        ["morita", "onishi"],
        "空き店舗で週1回の居場所を試すアイデアが出た。",
        [(IdeaKind.IDEA, "空き店舗で週1回、だれでも寄れる居場所を開く", "gathering")],
    ),
    (
        10,
        "山手の足：買い物と通院",
        {F.WELFARE: 4, F.TRANSPORT: 2, F.RESIDENTS: 4, F.AGRICULTURE: 2, F.GOVERNMENT: 2},
        [("ogawa", "ishikawa"), ("bus", "houkatsu")],
        ["ogawa", "ishikawa"],
        "夕方以降の便がない。乗り合いの可能性を探る。",
        [(IdeaKind.IDEA, "夜の通院・買い物に使える乗り合いの移動手段がほしい", "barrier")],
    ),
    (
        9,
        "ひきこもりの経験を聞く",
        {F.WELFARE: 5, F.PEER: 3, F.EDUCATION: 2, F.ACADEMIA: 2, F.RESIDENTS: 2},
        [("sasaki", "fujii"), ("kawaguchi", "families")],
        ["sasaki", "okada", "kawaguchi"],
        "「働く前に、居ていい場所がほしかった」という話が心に残った。",
        [],
    ),
    (
        8,
        "農園で体を動かす",
        {F.WELFARE: 3, F.AGRICULTURE: 3, F.PEER: 2, F.RESIDENTS: 3, F.ACADEMIA: 1},
        [("nakajima", "sasaki"), ("farm", "sasae")],
        ["nakajima", "sasaki"],
        "農園での就労体験を受け入れてもらえることに。",
        [(IdeaKind.PROJECT, "農園での就労体験（月2回）", "resource")],
    ),
    (
        7,
        "夏祭りと見守り",
        {F.WELFARE: 4, F.SHOPS: 4, F.RESIDENTS: 5, F.MACHIZUKURI: 2, F.GOVERNMENT: 1},
        [],
        [],
        "祭りの運営に福祉の相談ブースを出す。",
        [],
    ),
    (
        6,
        "子どもの放課後",
        {F.WELFARE: 4, F.EDUCATION: 3, F.CULTURE: 2, F.RESIDENTS: 3, F.PEER: 1},
        [("library", "school")],
        ["kawaguchi"],
        "図書館の学習スペースを放課後の居場所として案内する。",
        [],
    ),
    (
        5,
        "認知症と商店街",
        {F.WELFARE: 4, F.SHOPS: 4, F.MEDICAL: 2, F.RESIDENTS: 3},
        [("sakamoto_m", "hospital")],
        ["sakamoto_m"],
        "お店で気づいたことを伝える方法を決めた。",
        [],
    ),
    (
        4,
        "空き家を居場所に",
        {F.WELFARE: 3, F.MACHIZUKURI: 3, F.GOVERNMENT: 2, F.ACADEMIA: 2, F.RESIDENTS: 2},
        [("planning", "engawa")],
        ["morita", "fujii"],
        "空き家バンクと居場所づくりの組み合わせを検討。",
        [(IdeaKind.IDEA, "空き家を一軒、地域の居場所として借りられないか", "open")],
    ),
    (
        3,
        "移動販売と見守り",
        {F.WELFARE: 3, F.AGRICULTURE: 3, F.TRANSPORT: 2, F.RESIDENTS: 4},
        [("ja", "jichikai")],
        ["ishikawa", "nakajima"],
        "移動販売の巡回で、気になる人を知らせてもらう相談を始めた。",
        [],
    ),
    (
        2,
        "一年をふりかえる",
        {
            F.WELFARE: 5,
            F.MACHIZUKURI: 2,
            F.SHOPS: 3,
            F.AGRICULTURE: 2,
            F.TRANSPORT: 1,
            F.PEER: 2,
            F.ACADEMIA: 1,
            F.GOVERNMENT: 2,
            F.RESIDENTS: 3,
        },
        [],
        ["morita", "sasaki", "fujii", "onishi"],
        "「全然福祉のことを知らんかった」から始まって、顔の見える関係ができた。",
        [],
    ),
    (
        1,
        "冬の孤立をどう防ぐ",
        {F.WELFARE: 4, F.SHOPS: 3, F.MEDICAL: 1, F.RESIDENTS: 3, F.PEER: 1},
        [],
        ["onishi"],
        "年末年始に開いている場所の一覧をつくる。",
        [(IdeaKind.PROJECT, "年末年始に開いている場所の一覧を配る", "open")],
    ),
]


def _ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _first_thursday(day: dt.date) -> dt.date:
    first = day.replace(day=1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7)


@transaction.atomic
def build_community() -> dict[str, int]:
    if Place.objects.exists():
        return {"places": 0}
    users = {p.local_part: User.objects.get(email=persona_email(p)) for p in PERSONAS}
    takashi = users["community"]  # 山本 隆, the 社協's community coordinator
    daisuke = users["outreach"]  # 伊藤 大輔, outreach worker
    districts = {d.code: d for d in District.objects.all()}
    agencies = {o.name: o for o in Organization.objects.all()}
    resources = {r.name: r for r in Resource.objects.all()}
    types = {t.code: t for t in GatheringType.objects.all()}
    today = timezone.localdate()

    members: dict[str, Actor] = {}
    for key, name, kana, field, district, agency, interests in ORGANIZATIONS:
        members[key] = services.record_actor(
            actor=takashi,
            kind=ActorKind.ORGANIZATION,
            name=name,
            name_kana=kana,
            field=field,
            district=districts.get(district or ""),
            organization=agencies.get(agency or ""),
            interests=interests,
            joined_on=_ago(720),
        )
    for key, name, kana, field, role, belongs, district, interests, agreed in PEOPLE:
        members[key] = services.record_actor(
            actor=takashi,
            kind=ActorKind.PERSON,
            name=name,
            name_kana=kana,
            field=field,
            role_title=role,
            member_of=members[belongs],
            district=districts[district],
            interests=interests,
            agreed_on=_ago(agreed),
            joined_on=_ago(agreed),
        )
    for one, other, months in EARLIER_TIES:
        services.record_tie(
            actor=takashi,
            a=members[one],
            b=members[other],
            since=add_months(today, -months),
            how=HowMet.WORK,
        )

    # 場: the salon in 山手, the standing bar, and ordinary places where worries are heard.
    salon = services.record_place(
        actor=takashi,
        name="山手お茶のみ会（山手公民館）",
        name_kana="ヤマテオチャノミカイ",
        kind=PlaceKind.SALON,
        district=districts["03"],
        address="つなぐ町山手1024番地 山手公民館",
        resource=resources.get("山手お茶のみ会"),
        member=members["jichikai"],
        description="集落の公民館でのお茶会。送迎は自治会の有志が行います。",
        easy_description="こうみんかんで おちゃを のみながら はなします。くるまで むかえに いきます。",
        days="4",
        hours="金曜 13時〜15時",
        interests="お茶 おしゃべり 季節の話",
        public=True,
    )
    bar = services.record_place(
        actor=takashi,
        name="立ち飲み よりみち",
        name_kana="タチノミヨリミチ",
        kind=PlaceKind.BAR,
        district=districts["01"],
        address="つなぐ町川辺一丁目2番7号 川辺銀座商店街",
        resource=resources.get("立ち飲み よりみち"),
        member=members["yorimichi"],
        description="商店街の立ち飲み屋。店主が常連の様子を気にかけてくれる。",
        days="01345",
        hours="16時〜22時",
        interests="一杯 常連 商店街",
        public=False,
    )
    barber = services.record_place(
        actor=takashi,
        name="理容 さかもと",
        name_kana="リヨウサカモト",
        kind=PlaceKind.BARBER,
        district=districts["01"],
        address="つなぐ町川辺二丁目5番1号",
        resource=resources.get("理容 さかもと"),
        member=members["sakamoto"],
        description="50年続く床屋。お年寄りの常連が多い。",
        days="012456",
    )
    laundry = services.record_place(
        actor=takashi,
        name="コインランドリー 川辺",
        name_kana="コインランドリーカワベ",
        kind=PlaceKind.LAUNDRY,
        district=districts["01"],
        address="つなぐ町川辺団地前",
        resource=resources.get("コインランドリー 川辺"),
        description="団地の前。夜遅くまで開いていて、掲示板がある。",
    )
    hall = services.record_place(
        actor=takashi,
        name="まちの縁側 フリースペース",
        name_kana="マチノエンガワフリースペース",
        kind=PlaceKind.IBASHO,
        district=districts["02"],
        address="つなぐ町駅前三丁目8番2号",
        resource=resources.get("まちの縁側 フリースペース"),
        member=members["engawa"],
        description="駅前の古い民家を使ったフリースペース。毎月の車座もここで。",
        easy_description="えきの ちかくの いえです。だれでも きて いいです。",
        days="1235",
        hours="10時〜17時",
        interests="車座 読書 ボードゲーム 子ども",
        public=True,
    )
    services.record_place(
        actor=takashi,
        name="喫茶 かわせみ",
        name_kana="キッサカワセミ",
        kind=PlaceKind.CAFE,
        district=districts["01"],
        address="つなぐ町川辺一丁目4番3号",
        resource=resources.get("喫茶 かわせみ"),
        member=members["kawasemi"],
        description="うたごえ喫茶の日がある、昔ながらの喫茶店。",
        days="0123456",
        hours="9時〜18時",
        interests="コーヒー うたごえ",
        public=True,
    )

    owner = services.record_gatekeeper(
        actor=takashi,
        place=bar,
        name="大西 茂",
        role_title="店主",
        phone="0120-000-111",
        agreed_way=(
            "気になる常連さんがいたら、社協の山本（地域づくり）の携帯へ電話。店には名前を"
            "書いた紙を置かない。返事は『受け取りました』だけ、と約束している。"
        ),
        agreed_on=_ago(380),
        member=members["onishi"],
    )
    services.record_gatekeeper(
        actor=takashi,
        place=salon,
        name="石川 信夫",
        role_title="自治会世話役",
        phone="0120-000-222",
        agreed_way="お茶会で気になった人のことを、包括の担当か社協に電話で伝える。",
        agreed_on=_ago(360),
        member=members["ishikawa"],
    )
    services.record_gatekeeper(
        actor=takashi,
        place=barber,
        name="坂本 美千代",
        role_title="店主",
        agreed_way="物忘れが気になるお客さんのことを、川辺包括へ電話で伝える。",
        agreed_on=_ago(200),
        member=members["sakamoto_m"],
    )
    services.pass_worry(
        actor=takashi,
        gatekeeper=owner,
        noticed="毎日来ていた70代の常連さんが2週間来ない。最後に来た日は顔色が悪かった。",
        urgency=Urgency.SOON,
        noticed_on=_ago(10),
    )
    services.pass_worry(
        actor=daisuke,
        gatekeeper=owner,
        noticed="若い男性客がツケがたまって困っている様子。仕事をなくしたと話していた。",
        noticed_on=_ago(45),
    )

    # 顔を出す: the bar every few weeks, the salon months ago, the laundry once.
    for days, who, topics in (
        (8, [takashi, daisuke], "年末の客足、商店街の歳末売り出し、空き店舗の話"),
        (30, [takashi], "商店会の会合の日程、駅前の再開発のうわさ"),
        (55, [daisuke], "夏祭りのふりかえり、店の改装の予定"),
        (85, [takashi], "秋祭りの準備、常連さんの集まりの様子"),
    ):
        services.record_visit(
            actor=who[0], place=bar, visited_on=_ago(days), visitors=who[1:], topics=topics
        )
    services.record_visit(
        actor=takashi, place=salon, visited_on=_ago(130), topics="送迎の有志が減っている、冬の開催"
    )
    services.record_visit(
        actor=daisuke,
        place=laundry,
        visited_on=_ago(160),
        topics="掲示板に相談窓口のチラシを貼らせてもらった",
    )
    services.record_visit(actor=takashi, place=hall, visited_on=_ago(20), topics="車座の会場の相談")

    # The monthly 車座, a year of it, and what came of it.
    kurumaza_ties = 0
    for months, title, came, ties, named, outcome, ideas in KURUMAZA:
        held = _first_thursday(add_months(today, -months))
        gathering = services.record_gathering(
            actor=takashi,
            type=types["kurumaza"],
            title=f"車座「{title}」",
            held_on=held,
            starts_at=dt.time(18, 30),
            ends_at=dt.time(20, 30),
            place=hall,
            district=districts["02"],
            topics=title,
            outcome=outcome,
            attendance=came,
            organizers=[members["shakyo"], members["machi"], members["engawa"]],
            named=[members[k] for k in named],
        )
        for one, other in ties:
            services.record_tie(
                actor=takashi,
                a=members[one],
                b=members[other],
                since=held,
                how=HowMet.GATHERING,
                gathering=gathering,
            )
            kurumaza_ties += 1
        for kind, text, became in ideas:
            idea = services.record_idea(actor=takashi, gathering=gathering, kind=kind, text=text)
            if became == "gathering":
                services.record_gathering(
                    actor=takashi,
                    type=types["salon"],
                    title="空き店舗の日曜サロン（試行）",
                    held_on=add_months(held, 1),
                    starts_at=dt.time(10),
                    ends_at=dt.time(12),
                    venue="川辺銀座商店街 旧文具店",
                    district=districts["01"],
                    topics=text,
                    attendance={F.RESIDENTS: 9, F.SHOPS: 2, F.WELFARE: 2},
                    organizers=[members["shotenkai"], members["machi"]],
                    from_idea=idea,
                )
            elif became == "resource":
                services.settle_idea(
                    actor=takashi,
                    idea=idea,
                    status=IdeaStatus.RESOURCE,
                    resource=resources.get("山手ふれあい農園"),
                    note="参加支援の資源として登録",
                )
            elif became == "barrier":
                barrier_from_idea(
                    actor=users["coordinator"],
                    idea=idea,
                    would_help=text,
                    blocked_by="transport",
                    detail="山手地区は18時以降のバスがなく、通院と買い物に使える足がない",
                    program="企画課 コミュニティバス事業",
                    is_gap=True,
                )
        if months == 1:
            services.add_follow_up(
                actor=takashi,
                gathering=gathering,
                title="年末年始に開いている場所の一覧を商店会と作る",
                due_on=today + dt.timedelta(days=10),
                assignee=takashi,
            )

    # Other gatherings of the year.
    services.record_gathering(
        actor=takashi,
        type=types["fieldwork"],
        title="フィールドワーク「山手の集落を歩く」",
        held_on=_ago(150),
        starts_at=dt.time(9, 30),
        ends_at=dt.time(15),
        venue="山手公民館 集合",
        district=districts["03"],
        topics="集落の空き家 農地 移動",
        outcome="学生と集落の世話役が、空き家の調査を一緒にすることに。",
        attendance={F.ACADEMIA: 8, F.RESIDENTS: 4, F.WELFARE: 2, F.AGRICULTURE: 2},
        organizers=[members["university"], members["jichikai"]],
        named=[members["fujii"], members["ishikawa"]],
    )
    roundtable = services.record_gathering(
        actor=takashi,
        type=types["roundtable"],
        title="ラウンドテーブル「商店街×福祉」",
        held_on=_ago(100),
        starts_at=dt.time(14),
        ends_at=dt.time(16),
        place=hall,
        topics="商店街 見守り 認知症",
        outcome="店で気づいたことの伝え方を、店ごとに決める。",
        attendance={F.SHOPS: 6, F.WELFARE: 4, F.MEDICAL: 1},
        organizers=[members["shotenkai"], members["shakyo"]],
    )
    services.record_tie(
        actor=takashi,
        a=members["kawasemi"],
        b=members["houkatsu"],
        since=roundtable.held_on,
        how=HowMet.GATHERING,
        gathering=roundtable,
    )
    services.record_gathering(
        actor=takashi,
        type=types["training"],
        title="ゲートキーパー研修（商店・理容・交通の方向け）",
        held_on=_ago(60),
        starts_at=dt.time(19),
        ends_at=dt.time(20, 30),
        place=hall,
        topics="気づく 声をかける つなぐ",
        attendance={F.SHOPS: 7, F.TRANSPORT: 3, F.WELFARE: 2},
        organizers=[members["shakyo"], members["welfare_section"]],
    )

    # 計画的偶発性: encounters arranged; two became ties, one not now, two still to arrange.
    arranged = [
        (["nakajima", "kawaguchi"], "どちらも「農業体験」と「子ども」に関心。農業と教育。"),
        (["morita", "okada"], "どちらも「居場所」に関心。まちづくりと当事者。"),
        (["ogawa", "sakamoto_m"], "どちらも高齢のお客さんの「見守り」に関心。交通と商店。"),
        (["library", "sasaki"], "「居場所」と「不登校」。文化と当事者。"),
        (["ja", "houkatsu"], "「移動販売」と「買い物」の困りごと。農業と福祉。"),
    ]
    kept = []
    for keys, reason in arranged:
        kept.append(
            services.keep_suggestion(
                actor=takashi, members=[members[k] for k in keys], reason=reason
            )
        )
    for suggestion, keys, days in ((kept[0], arranged[0][0], 40), (kept[1], arranged[1][0], 25)):
        services.record_tie(
            actor=takashi,
            a=members[keys[0]],
            b=members[keys[1]],
            since=_ago(days),
            how=HowMet.SUGGESTION,
            suggestion=suggestion,
        )
    services.decide_suggestion(actor=takashi, suggestion=kept[2], status="not_now", on=_ago(15))

    # The coming weeks, on the public pages and the town's calendar.
    next_kurumaza = _first_thursday(add_months(today, 1))
    public_events: list[dict[str, Any]] = [
        {
            "type": types["kurumaza"],
            "title": "車座「冬の居場所マップをつくろう」",
            "held_on": next_kurumaza,
            "starts_at": dt.time(18, 30),
            "ends_at": dt.time(20, 30),
            "place": hall,
            "topics": "居場所 冬 孤立 商店街",
            "description": "立場も分野も問わず、輪になって話す会です。お茶とお菓子があります。",
            "easy_description": "みんなで すわって はなします。だれでも きて いいです。おちゃが あります。",
            "application": "申込不要。直接会場へ",
            "fee": "無料",
            "contact": "つなぐ町社会福祉協議会 地域づくり担当 0120-000-333",
        },
        {
            "type": types["fieldwork"],
            "title": "冬の農園 収穫体験",
            "held_on": today + dt.timedelta(days=16),
            "starts_at": dt.time(10),
            "ends_at": dt.time(12),
            "venue": "山手ふれあい農園",
            "district": districts["03"],
            "topics": "農業体験 野菜 収穫",
            "description": "大根と白菜の収穫。汚れてもよい服装でどうぞ。",
            "easy_description": "はたけで やさいを とります。よごれても いい ふくで きて ください。",
            "application": "電話で申込（先着15人）",
            "fee": "300円（野菜のおみやげつき）",
            "capacity": 15,
            "contact": "山手ふれあい農園の会 0120-000-444",
        },
    ]
    for weeks in range(4):
        friday = today + dt.timedelta(days=(4 - today.weekday()) % 7 + 7 * weeks)
        public_events.append(
            {
                "type": types["salon"],
                "title": "山手お茶のみ会",
                "held_on": friday,
                "starts_at": dt.time(13),
                "ends_at": dt.time(15),
                "place": salon,
                "topics": "お茶 おしゃべり",
                "description": "公民館でお茶を飲みながら話します。送迎があります（前日までに連絡）。",
                "easy_description": "こうみんかんで おちゃを のみます。くるまで むかえに いきます。",
                "fee": "100円（お茶代）",
                "contact": "山手地区自治会 石川 0120-000-222",
            }
        )
    for fields in public_events:
        organizers = (
            [members["shakyo"], members["engawa"]] if fields["type"].code == "kurumaza" else []
        )
        services.record_gathering(actor=takashi, public=True, organizers=organizers, **fields)
    return {
        "places": Place.objects.count(),
        "gatekeepers": Gatekeeper.objects.count(),
        "gatherings": Gathering.objects.count(),
        "network members": len(members),
        "ties from the 車座": kurumaza_ties,
    }
