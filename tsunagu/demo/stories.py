"""The situations of the demo town's households: who lives there, what they said at intake,
and how the work went. Invented, but written as consultants write."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Member:
    relationship: str
    given: str
    given_kana: str
    age: int
    sex: str


@dataclass(frozen=True)
class Story:
    key: str
    members: tuple[Member, ...]
    subject: int  # which member the case is for (index), or -1 for the whole household
    channel: str
    consulted_by: str
    concern: str
    issues: tuple[str, ...]
    main_issue: str
    risks: tuple[str, ...] = ()
    assessment: dict[str, str] = field(default_factory=dict)
    wishes: str = ""
    goals: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    notes: tuple[tuple[str, str, str], ...] = ()  # (method, with whom, body)
    change: str = ""


STORIES = [
    Story(
        key="8050",
        members=(
            Member("head", "キヨ", "きよ", 84, "女性"),
            Member("child", "一郎", "いちろう", 53, "男性"),
        ),
        subject=-1,
        channel="home_visit",
        consulted_by="minsei_iin",
        concern="民生委員から。高齢の母親と50代の息子の二人暮らし。母の足が弱り買い物に行けない。息子は20年ほど家から出ていないようだ。",
        issues=("care", "withdrawal_truancy", "income", "8050", "social_isolation"),
        main_issue="8050",
        risks=("life",),
        assessment={
            "health": "母は要支援2相当、膝の痛みで歩行が不安定。息子は通院歴なし、昼夜逆転。",
            "income": "母の年金（月約9万円）のみで二人が生活。預金はわずか。",
            "family": "父は10年前に他界。息子は大学中退後、アルバイトを辞めてから自室にこもりがち。母は息子を責めない。",
            "social": "近所付き合いは母が細々と続けていたが、最近は途絶えている。",
            "wishes_strengths": "母「この家で息子と暮らしたい」。息子は母の体調を気にかけている。",
        },
        wishes="母は住み慣れた家で暮らし続けたい。息子のことは急がず見守ってほしい。",
        goals=(
            "母が介護サービスを使い、買い物と通院ができる",
            "息子と支援者が顔を合わせられる関係をつくる",
        ),
        actions=(
            "地域包括支援センターと介護認定の申請を進める",
            "月2回の訪問で息子に手紙を届ける",
            "家計の見直しと年金の確認",
        ),
        notes=(
            (
                "visit",
                "母",
                "自宅を訪問。母と30分ほど話す。息子は自室から出てこなかったが、襖越しに挨拶だけできた。",
            ),
            (
                "coordination",
                "地域包括支援センター",
                "包括の高橋さんと情報共有。介護認定の申請を母の同意のもと進めることになった。",
            ),
            (
                "visit",
                "母・息子",
                "2回目の訪問。息子が玄関まで出てきて、母の通院の付き添いについて自分から話した。",
            ),
            ("phone", "母", "母から電話。認定調査の日程が決まり、少し安心した様子。"),
            (
                "accompany",
                "母・息子",
                "介護認定調査に同席。息子も同席し、母の日常の様子を説明してくれた。",
            ),
        ),
        change="息子が支援者と話せるようになり、母の通院に付き添うようになった。",
    ),
    Story(
        key="double_care",
        members=(
            Member("head", "美穂", "みほ", 42, "女性"),
            Member("child", "陽向", "ひなた", 4, "男性"),
            Member("parent", "トシ", "とし", 78, "女性"),
        ),
        subject=0,
        channel="visit",
        consulted_by="self",
        concern="保育園の迎えと母の介護で仕事が続けられない。休みがとれず、もう限界だと思う。",
        issues=("care", "child_rearing", "work_worries", "double_care"),
        main_issue="double_care",
        assessment={
            "health": "本人は不眠と頭痛が続いている。母は認知症の診断あり、要介護1。",
            "work": "スーパーのパート（週4日）。欠勤が増え、雇い止めを心配している。",
            "family": "夫とは2年前に離婚。兄は県外在住で協力は難しい。",
            "wishes_strengths": "「仕事は辞めたくない。母も子どもも大事にしたい」。料理が得意で、職場の評価も高い。",
        },
        wishes="仕事を続けながら、母と子どもの世話を無理なく続けたい。",
        goals=("母のデイサービス利用日を増やす", "本人が週に1日は休める日をつくる"),
        actions=(
            "ケアマネジャーとサービス調整",
            "ファミリー・サポートの利用登録",
            "職場への働き方の相談に同行",
        ),
        notes=(
            ("meeting", "本人", "来所面談。涙ぐみながら話す。まずは眠れていないことを受け止めた。"),
            (
                "coordination",
                "ケアマネジャー",
                "母のケアマネジャーと相談し、デイサービスを週2回から週4回に増やす方向で調整。",
            ),
            (
                "phone",
                "本人",
                "ファミリー・サポートの登録が済んだと連絡あり。声が明るくなっている。",
            ),
            (
                "accompany",
                "本人・店長",
                "職場の店長との面談に同行。シフトの固定を了承してもらえた。",
            ),
        ),
        change="睡眠がとれるようになり、仕事を続けられている。",
    ),
    Story(
        key="young_carer",
        members=(
            Member("head", "由美", "ゆみ", 45, "女性"),
            Member("child", "咲", "さき", 14, "女性"),
            Member("child", "蓮", "れん", 7, "男性"),
        ),
        subject=1,
        channel="agency",
        consulted_by="agency",
        concern="中学校から。2年生の生徒が遅刻と欠席が増えている。母親の体調が悪く、弟の世話や家事をしているらしい。",
        issues=("child_rearing", "health_disability", "withdrawal_truancy", "young_carer"),
        main_issue="young_carer",
        assessment={
            "health": "母はうつ病で通院中、日中は横になっていることが多い。",
            "family": "父は単身赴任で月に1度帰宅。咲さんが弟の送り迎え、食事の支度、洗濯をしている。",
            "social": "咲さんは部活動を辞めた。友人とは学校で話す程度。",
            "wishes_strengths": "咲さん「お母さんが元気になってほしい。本当は部活に戻りたい」。責任感が強く、弟思い。",
        },
        wishes="咲さんが中学生らしく過ごせる時間をとり戻したい。",
        goals=("家事援助のサービスを入れる", "咲さんが週に2日は部活動に参加できる"),
        actions=(
            "こども家庭センターとの情報共有（本人・母の同意あり）",
            "障害福祉サービス（家事援助）の申請支援",
            "スクールソーシャルワーカーとの定期連絡",
        ),
        notes=(
            (
                "coordination",
                "第一中学校",
                "担任とスクールソーシャルワーカーから状況を聞き取り。咲さん本人は「大丈夫」と言っている。",
            ),
            (
                "visit",
                "母・咲さん",
                "家庭訪問。母は咲さんに頼りすぎていると自覚しており、支援を受けることに同意した。",
            ),
            ("coordination", "相談支援事業所", "家事援助の利用について相談支援専門員と調整。"),
        ),
        change="家事援助が始まり、咲さんは部活動に週2日戻った。",
    ),
    Story(
        key="debt",
        members=(Member("head", "健二", "けんじ", 38, "男性"),),
        subject=0,
        channel="phone",
        consulted_by="self",
        concern="仕事を失って家賃が3か月払えていない。消費者金融からの借金もある。どうしたらいいかわからない。",
        issues=("income", "rent_loans", "debt", "job_search"),
        main_issue="debt",
        risks=("eviction",),
        assessment={
            "income": "失業中、収入なし。消費者金融3社に計約180万円の債務。家賃滞納3か月（約15万円）。",
            "housing": "アパート単身。大家から退去を求める連絡が来ている。",
            "work": "工場で10年勤務、派遣切りで離職。フォークリフト免許あり。",
            "wishes_strengths": "「早く働きたい。借金はきちんと整理したい」。真面目で時間を守る。",
        },
        wishes="住まいを失わずに、早く仕事を見つけて生活を立て直したい。",
        goals=("住居確保給付金を受けて家賃を払う", "債務整理の方針を決める", "3か月以内に就職する"),
        actions=(
            "住居確保給付金の申請",
            "法テラスの弁護士相談に同行",
            "ハローワークへ同行し求職登録",
        ),
        notes=(
            (
                "phone",
                "本人",
                "電話相談。声が小さく、食事も十分にとれていないとのこと。翌日の来所を約束した。",
            ),
            ("meeting", "本人", "来所。家計表を一緒に作成。フードバンクの食料を渡した。"),
            (
                "coordination",
                "大家",
                "本人の了承のもと大家に連絡し、給付金の申請中であることを伝えた。退去は待ってもらえることになった。",
            ),
            (
                "accompany",
                "本人",
                "法テラスの弁護士相談に同行。自己破産ではなく任意整理の方針となった。",
            ),
            (
                "accompany",
                "本人",
                "ハローワークへ同行し求職登録。フォークリフトの経験を生かせる求人を2件紹介された。",
            ),
        ),
        change="住居確保給付金の支給が決まり、倉庫の仕事に就いた。",
    ),
    Story(
        key="hoarding",
        members=(Member("head", "正夫", "まさお", 76, "男性"),),
        subject=0,
        channel="community",
        consulted_by="neighbour",
        concern="隣の家の庭にごみが積み上がって、においがする。一人暮らしのおじいさんで、最近姿を見ない。",
        issues=("housing", "community_relations", "hoarding_self_neglect", "social_isolation"),
        main_issue="hoarding_self_neglect",
        risks=("life",),
        assessment={
            "health": "糖尿病の通院が途絶えている。足のむくみあり。",
            "housing": "持ち家。室内・庭にごみが堆積し、台所は使えない状態。",
            "family": "妻は5年前に他界。子はいない。弟が隣県にいるが疎遠。",
            "social": "妻の死後、町内会をやめた。近所との関係は悪化している。",
            "wishes_strengths": "「ほっといてくれ」と言うが、妻の写真の話になると表情が和らぐ。元大工で手先が器用。",
        },
        wishes="この家で妻との思い出と一緒に暮らしたい。",
        goals=("通院を再開する", "台所を使える状態にする"),
        actions=(
            "訪問を重ねて関係をつくる",
            "かかりつけ医への受診に同行",
            "本人と一緒に片付けの計画を立てる",
        ),
        notes=(
            ("visit", "本人", "玄関先で5分ほど話せた。体調を尋ねると「足が痛い」とのこと。"),
            ("visit", "本人", "妻の写真を見せてくれた。受診について前向きな言葉があった。"),
            ("accompany", "本人", "内科受診に同行。血糖値が高く、治療を再開した。"),
            (
                "visit",
                "本人・社協ボランティア",
                "本人と相談し、台所だけ片付けることにした。ボランティア2名と一緒に作業。",
            ),
        ),
        change="通院を再開し、台所で簡単な料理ができるようになった。",
    ),
    Story(
        key="single_parent",
        members=(
            Member("head", "彩", "あや", 31, "女性"),
            Member("child", "結衣", "ゆい", 6, "女性"),
        ),
        subject=0,
        channel="visit",
        consulted_by="self",
        concern="子どもの給食費と学用品が払えない。来月から小学生なのに、ランドセルも買えていない。",
        issues=("income", "child_rearing", "no_food"),
        main_issue="income",
        risks=("no_food",),
        assessment={
            "income": "パート収入月約11万円と児童扶養手当。養育費は受け取れていない。",
            "family": "元夫とは連絡がとれない。実家とは関係が悪い。",
            "wishes_strengths": "「娘には我慢させたくない」。娘との関係は良好で、地域の子育てサロンに通っていた。",
        },
        wishes="娘が安心して小学校に通えるようにしたい。",
        goals=("就学援助を受ける", "食費が足りない月をなくす"),
        actions=(
            "就学援助の申請を支援",
            "フードバンクと子ども食堂を紹介",
            "養育費の相談窓口につなぐ",
        ),
        notes=(
            ("meeting", "本人", "来所。家計を一緒に確認。就学援助の制度を説明した。"),
            (
                "coordination",
                "教育委員会",
                "就学援助の申請書類について確認。入学前支給の対象となる。",
            ),
            (
                "meeting",
                "本人・娘",
                "子ども食堂に一緒に参加。娘は同じ保育園の友達と会えて喜んでいた。",
            ),
        ),
        change="就学援助の支給が決まり、ランドセルを買えた。子ども食堂に毎週通っている。",
    ),
    Story(
        key="disability",
        members=(
            Member("head", "和子", "かずこ", 70, "女性"),
            Member("child", "誠", "まこと", 45, "男性"),
        ),
        subject=1,
        channel="agency",
        consulted_by="agency",
        concern="相談支援事業所から。知的障害のある男性の母親が高齢になり、今後の暮らしの場を一緒に考えたい。",
        issues=("health_disability", "family_relations", "care"),
        main_issue="health_disability",
        assessment={
            "health": "誠さんは療育手帳B。障害年金2級を受給。母は高血圧で通院中。",
            "work": "誠さんは就労継続支援B型事業所に週5日通所。",
            "family": "母が金銭管理と身の回りの世話をしている。",
            "wishes_strengths": "誠さん「ずっと作業所に行きたい。一人で電車に乗れる」。",
        },
        wishes="誠さんが母と離れても、地域で自分らしく暮らせる準備をしたい。",
        goals=("グループホームの体験利用をする", "金銭管理の練習を始める"),
        actions=(
            "グループホーム見学の調整",
            "日常生活自立支援事業の利用相談",
            "母の健康状態の確認",
        ),
        notes=(
            ("coordination", "相談支援事業所 ひだまり", "相談支援専門員と今後の役割分担を確認。"),
            (
                "accompany",
                "誠さん・母",
                "グループホームを見学。誠さんは「ここなら友達がいる」と話した。",
            ),
        ),
        change="グループホームの体験利用を月に2泊始めた。",
    ),
    Story(
        key="isolation",
        members=(Member("head", "春子", "はるこ", 88, "女性"),),
        subject=0,
        channel="community",
        consulted_by="minsei_iin",
        concern="新聞がたまっている。一人暮らしの高齢の女性で、先月から見かけない。",
        issues=("health_disability", "social_isolation", "care"),
        main_issue="social_isolation",
        risks=("life",),
        assessment={
            "health": "軽い脱水と低栄養。物忘れが増えている。",
            "family": "長女は東京在住、年に1回帰省。",
            "social": "以前は通いの場に通っていたが、友人の入院を機にやめた。",
            "wishes_strengths": "「人に迷惑をかけたくない」。俳句が趣味で、話し好き。",
        },
        wishes="できるだけ長く自宅で暮らし、また友達と会いたい。",
        goals=("配食サービスを使う", "通いの場に月2回参加する"),
        actions=(
            "地域包括支援センターへつなぐ",
            "配食サービスの申請",
            "民生委員と見守りの分担を決める",
        ),
        notes=(
            (
                "visit",
                "本人・民生委員",
                "民生委員と訪問。応答があり、室内で座り込んでいた。水分をとってもらい、包括に連絡した。",
            ),
            ("phone", "長女", "長女に連絡。来週帰省して今後を一緒に考えるとのこと。"),
            (
                "accompany",
                "本人",
                "通いの場（川辺ふれあいサロン）に同行。俳句の仲間と再会し、笑顔が見られた。",
            ),
        ),
        change="配食と見守りが定着し、サロンに月2回通っている。",
    ),
]

FAMILY_NAMES = [
    ("佐藤", "さとう"),
    ("鈴木", "すずき"),
    ("髙橋", "たかはし"),
    ("田中", "たなか"),
    ("伊藤", "いとう"),
    ("渡邊", "わたなべ"),
    ("山本", "やまもと"),
    ("中村", "なかむら"),
    ("小林", "こばやし"),
    ("加藤", "かとう"),
    ("吉田", "よしだ"),
    ("山田", "やまだ"),
    ("佐々木", "ささき"),
    ("山口", "やまぐち"),
    ("松本", "まつもと"),
    ("井上", "いのうえ"),
    ("木村", "きむら"),
    ("林", "はやし"),
    ("斎藤", "さいとう"),
    ("清水", "しみず"),
    ("山﨑", "やまざき"),
    ("森", "もり"),
    ("池田", "いけだ"),
    ("橋本", "はしもと"),
    ("阿部", "あべ"),
    ("石川", "いしかわ"),
    ("前田", "まえだ"),
    ("藤田", "ふじた"),
    ("小川", "おがわ"),
    ("岡田", "おかだ"),
    ("後藤", "ごとう"),
    ("長谷川", "はせがわ"),
    ("村上", "むらかみ"),
    ("近藤", "こんどう"),
    ("石井", "いしい"),
    ("坂本", "さかもと"),
    ("遠藤", "えんどう"),
    ("青木", "あおき"),
    ("藤井", "ふじい"),
    ("西村", "にしむら"),
]

STREETS = {
    "01": ["川辺一丁目", "川辺二丁目", "川辺三丁目", "川辺五丁目", "港町"],
    "02": ["駅前一丁目", "駅前三丁目", "駅前四丁目", "本町", "栄町"],
    "03": ["山手", "上野原", "大谷", "中里", "峠"],
}

OTHER_CONCERNS = [
    ("住まい", "housing", "アパートの更新を断られた。次の部屋が見つからない。"),
    ("収入・生活費", "income", "年金だけでは生活費が足りない。"),
    ("仕事探し", "job_search", "50代で仕事が見つからない。面接に何度も落ちている。"),
    ("家族との関係", "family_relations", "同居の父と口論が絶えない。家にいるのがつらい。"),
    ("税金や公共料金", "taxes_utilities", "電気を止めると通知が来た。"),
    ("子育て", "child_rearing", "子どもが学校に行きたがらない。どう声をかけたらいいかわからない。"),
    ("介護", "care", "父の物忘れがひどくなってきた。どこに相談すればいいか知りたい。"),
    ("地域との関係", "community_relations", "町内会の当番ができず、近所から責められている。"),
]
