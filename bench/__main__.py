"""`make bench`: server time on a synthetic city, never asserted in tests.

    make bench                      SQLite, the full city (built once, cached under var/bench/)
    TSUNAGU_BENCH_SCALE=0.1 make bench      a tenth of it
    TSUNAGU_BENCH_DATABASE_URL=postgres://…/tsunagu_bench make bench   PostgreSQL (built once)

For each measure: p50 and p95 of the server time (the Django test client, in process, with
every middleware, access check and audit row), the number of queries, and for search the time
of the raw SQL match alone and the ratio between the two. Last, a partner agency's worker (on the
team, with a consent: each read writes an audit row and a 情報提供記録) reads a case tab alone and
then with TSUNAGU_BENCH_READERS (20) others at once, each in a process with its own connection.
"""

import gc
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

RUNS = int(os.environ.get("TSUNAGU_BENCH_RUNS", "100"))
READERS = int(os.environ.get("TSUNAGU_BENCH_READERS", "20"))
SCALE = float(os.environ.get("TSUNAGU_BENCH_SCALE", "1"))


def _setup() -> None:
    root = Path(__file__).resolve().parent.parent / "var" / "bench"
    (root / "static").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TSUNAGU_SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop")
    os.environ["TSUNAGU_DATA_DIR"] = str(root)
    os.environ["TSUNAGU_REQUIRE_2FA"] = "0"
    os.environ["TSUNAGU_TASKS_IMMEDIATE"] = "1"
    os.environ["TSUNAGU_ALLOWED_HOSTS"] = "testserver"
    os.environ["TSUNAGU_DATABASE_URL"] = os.environ.get(
        "TSUNAGU_BENCH_DATABASE_URL", f"sqlite:///{root}/city-{SCALE:g}.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.config.settings")
    import django

    django.setup()
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line per layout step


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def concurrent_partners(case: Any) -> None:
    """A partner's worker reads the case's first tab alone, then with READERS readers at once:
    each as fast as it can (the machine saturated: on few CPUs the CPU share alone makes each
    read READERS / CPUs times slower, whatever the audit does), then paced so that together they
    ask for half of what the CPUs can serve (what a busy office is)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from bench.concurrency import WARM_UP, concurrent_reads, partner_worker
    from tsunagu.audit.models import AuditEvent
    from tsunagu.sharing.models import Disclosure

    client = Client()
    client.force_login(partner_worker(case), backend="tsunagu.accounts.backends.AccountBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    path = f"/cases/{case.pk}/"
    cpus = os.cpu_count() or 1
    runs = max(10, RUNS // 5)
    audit_before, disclosures_before = AuditEvent.objects.count(), Disclosure.objects.count()

    def report(label: str, samples: list[float]) -> float:
        p50, p95 = _percentiles(samples)
        print(f"{label:42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  reads {len(samples)}", flush=True)
        return p95

    alone = concurrent_reads(cookie, path, 1, RUNS)
    single = report("partner reads a case tab, alone", alone)
    interval = READERS * statistics.median(alone) / 1000 / (cpus * 0.5)
    for label, pace in (("at once", 0.0), (f"one read / {interval * 1000:.0f} ms", interval)):
        p95 = report(
            f"  {READERS} partners, {label}", concurrent_reads(cookie, path, READERS, runs, pace)
        )
        print(f"{'    p95 / p95 alone':42} {p95 / single:5.1f}×", flush=True)
    reads = RUNS + 2 * READERS * runs + WARM_UP * (1 + 2 * READERS)
    audited = AuditEvent.objects.count() - audit_before
    disclosed = Disclosure.objects.count() - disclosures_before
    print(
        f"{'  (each read':42} {audited / reads:.1f} audit rows, {disclosed / reads:.1f} "
        f"disclosures; {cpus} CPUs; {connection.vendor})",
        flush=True,
    )


def importing(rows: int = 10_000) -> None:
    """A 公共施設一覧 of `rows` rows (the 推奨データセット header, CP932, a quoted newline in each
    row) imported whole, inside a transaction rolled back: the time, and the memory it took at
    its peak (flat: the file is read a row at a time)."""
    import io
    import tracemalloc

    from django.db import transaction

    from tsunagu.resources.services import import_opendata

    header = (
        "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_通称,POIコード,"
        "住所,方書,緯度,経度,電話番号,内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,"
        "利用可能日時特記事項,説明,バリアフリー情報,URL,備考\r\n"
    )
    lines = [header] + [
        f"222127,{n:010d},静岡県,焼津市,施設{n},シセツ,,,焼津市本町{n % 9 + 1}-{n % 50 + 1},,"
        f"34.86{n % 1000:03d},138.32{n % 1000:03d},054-626-{n % 10000:04d},,,施設課,月火水木金,"
        f'9:00,17:00,"【開館時間】9:00～17:00\n【休館日】年末年始",,,,\r\n'
        for n in range(1, rows + 1)
    ]
    data = "".join(lines).encode("cp932")
    tracemalloc.start()
    started = time.perf_counter()
    with transaction.atomic():
        report = import_opendata(actor=None, stream=io.BytesIO(data), source_name="bench.csv")
        transaction.set_rollback(True)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert report.imported, report.problems[:3]
    print(
        f"{'import 公共施設一覧, ' + f'{rows:,} rows':42} {seconds:6.1f} s  "
        f"peak memory {peak:5.1f} MiB (the file itself {len(data) / 2**20:.1f} MiB)",
        flush=True,
    )


def community_network(members: int = 2_000, runs: int = 20) -> None:
    """点から面へ for a town of `members` organizations (14 fields, 3 districts, three ties
    each on average, interests from a few common topics and many rarer ones), inside a
    transaction rolled back:
    the graph and its figures, the picture, and the suggested encounters."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from tsunagu.accounts.models import District
    from tsunagu.community import encounters, network
    from tsunagu.community.choices import Field
    from tsunagu.community.models import Actor, Tie
    from tsunagu.community.selectors import field_labels, member_words
    from tsunagu.core.japanese import content_words

    rng = random.Random(14)  # noqa: S311 - made-up data, not secrets
    topics = (
        "空き家 子ども食堂 移動販売 見守り 商店街 農業体験 不登校 認知症 居場所 祭り 通院 就労体験"
    )
    vocabulary = sorted(content_words(topics))
    rarer = [f"テーマ{n}" for n in range(400)]
    districts = list(District.objects.all()) or [None]
    today = timezone.localdate()
    labels = field_labels()
    with transaction.atomic():
        actors = Actor.objects.bulk_create(
            Actor(
                kind="organization",
                name=f"団体{n}",
                field=rng.choice(Field.values),
                district=rng.choice(districts),
                # Two of the town's common topics, two of its 400 rarer ones (a word each).
                words=" ".join(rng.sample(vocabulary, 2) + rng.sample(rarer, 2)),
                joined_on=today - dt.timedelta(days=rng.randrange(1, 1500)),
            )
            for n in range(members)
        )
        pairs = set()
        while len(pairs) < members * 3 // 2:
            a, b = sorted(rng.sample(range(members), 2))
            pairs.add((actors[a].pk, actors[b].pk))
        from tsunagu.accounts.models import User

        someone = User.objects.first()
        Tie.objects.bulk_create(
            Tie(
                a_id=a,
                b_id=b,
                since=today - dt.timedelta(days=rng.randrange(1, 1500)),
                how="work",
                recorded_by=someone,
            )
            for a, b in pairs
        )
        timings: dict[str, list[float]] = {"figures": [], "picture": [], "encounters": []}
        for _ in range(runs):
            started = time.perf_counter()
            graph = network.build_graph(network.Filter(on=today))
            network.network_figures(graph, today)
            timings["figures"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            network.picture(graph, labels)
            timings["picture"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            encounters.suggest_encounters(graph, member_words(graph), labels)
            timings["encounters"].append((time.perf_counter() - started) * 1000)
        transaction.set_rollback(True)
    for what, samples in timings.items():
        p50, p95 = _percentiles(samples)
        label = f"network {what}, {members:,} organizations"
        print(f"{label:42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True)


def policy(runs: int = 20) -> None:
    """政策化 on the city: the 主管課's manager reads a year's dashboard (every agency; each
    breakdown one GROUP BY), the national reports' page, and downloads the 実施状況 report as
    Excel — with the year's consultations tagged with their issues, inside a transaction
    rolled back."""
    import datetime as dt
    import random

    from django.db import connection, transaction
    from django.test import Client

    from tsunagu.accounts.models import Organization, User
    from tsunagu.core.calendar import fiscal_year_start, start_of_day
    from tsunagu.demo.town import LEAD_SECTION
    from tsunagu.intake.models import Consultation, ConsultationIssue, Issue

    rng = random.Random(15)  # noqa: S311 - made-up data, not secrets
    year = fiscal_year_start().year - 1  # the last whole fiscal year
    with transaction.atomic():
        Organization.objects.filter(name=LEAD_SECTION).update(is_lead_section=True)
        issues = list(Issue.objects.all())
        ids = list(
            Consultation.objects.filter(
                received_at__gte=start_of_day(dt.date(year, 4, 1)),
                received_at__lt=start_of_day(dt.date(year + 1, 4, 1)),
            ).values_list("pk", flat=True)
        )
        ConsultationIssue.objects.bulk_create(
            (
                ConsultationIssue(consultation_id=pk, issue=issue, is_main=n == 0)
                for pk in ids
                for n, issue in enumerate(rng.sample(issues, rng.choice([1, 1, 2, 3])))
            ),
            batch_size=5000,
        )
        client = Client()
        client.force_login(
            User.objects.get(email="manager@demo.tsunagu.example"),
            backend="tsunagu.accounts.backends.AccountBackend",
        )
        for label, path in (
            (f"dashboard, a year ({len(ids):,} consultations)", f"/insights/?year={year}"),
            ("national reports page, a year", f"/insights/national-report/?year={year}"),
            (
                "national report as Excel, a year",
                f"/insights/national-report/?year={year}&format=xlsx",
            ),
            ("dashboard as Excel, a year", f"/insights/?year={year}&format=xlsx"),
        ):
            executed: list[str] = []

            def count(execute, sql, params, many, context, executed=executed):  # type: ignore[no-untyped-def]
                executed.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                assert client.get(path).status_code == 200, path
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                response = client.get(path)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, path
            p50, p95 = _percentiles(samples)
            print(
                f"{label:42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  queries {len(executed)}",
                flush=True,
            )
        transaction.set_rollback(True)


def matching(client: Any, case: Any, entries: int = 2_000) -> None:
    """Explained matches (参加支援) for a person over a directory of `entries` places with hours,
    places free, a few adaptations and the others' history, inside a transaction rolled back:
    the page's server time and the matching alone."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from tsunagu.accounts.models import District
    from tsunagu.participation.matching import match_profile
    from tsunagu.participation.models import Adaptation
    from tsunagu.participation.services import record_profile
    from tsunagu.resources.models import (
        Capacity,
        Kind,
        Location,
        Provider,
        Resource,
        ResourceLocation,
        Schedule,
        words_of,
    )
    from tsunagu.resources.selectors import reader_of
    from tsunagu.sharing.access import case_access

    rng = random.Random(13)  # noqa: S311 - invented data
    topics = [
        "料理",
        "畑",
        "野菜",
        "囲碁",
        "将棋",
        "手芸",
        "読書",
        "音楽",
        "歌",
        "体操",
        "散歩",
        "喫茶",
        "木工",
        "絵",
        "写真",
        "花",
        "掃除",
        "子ども",
        "パソコン",
        "釣り",
        "映画",
        "書道",
        "茶道",
        "卓球",
    ]
    rooms = [
        "集会所",
        "公民館",
        "商店街の空き店舗",
        "お寺の本堂",
        "団地の集会室",
        "図書館の学習室",
        "公園",
        "作業所",
    ]
    with transaction.atomic():
        districts = list(District.objects.all())
        kinds = list(Kind.objects.all())
        provider = Provider.objects.create(name="ベンチの町", kind="municipality", tier="public")
        resources = []
        for n in range(entries):
            a, b = rng.sample(topics, 2)
            fields = {
                "name": f"{a}と{b}の会 {n}",
                "description": f"{a}や{b}を楽しむ集まり。{rng.choice(rooms)}で月{rng.randint(1, 4)}回。",
                "suits": "初めての人も歓迎。途中で帰っても大丈夫。",
            }
            resources.append(
                Resource(
                    provider=provider,
                    tier="public",
                    free=rng.random() < 0.6,
                    fees="1回300円",
                    words=words_of(fields),
                    **fields,
                )
            )
        resources = Resource.objects.bulk_create(resources)
        places = Location.objects.bulk_create(
            Location(
                name=r.name,
                municipality="ベンチの町",
                district=rng.choice(districts),
                step_free=rng.random() < 0.5,
                quiet_space=rng.random() < 0.3,
                tier="public",
            )
            for r in resources
        )
        ResourceLocation.objects.bulk_create(
            ResourceLocation(resource=r, location=p) for r, p in zip(resources, places, strict=True)
        )
        Resource.kinds.through.objects.bulk_create(
            Resource.kinds.through(resource=r, kind=rng.choice(kinds)) for r in resources
        )
        Schedule.objects.bulk_create(
            Schedule(
                resource=r,
                weekday=rng.randint(0, 6),
                opens_at=dt.time(rng.randint(9, 18)),
                closes_at=dt.time(20),
            )
            for r in resources
            for _ in range(2)
        )
        Capacity.objects.bulk_create(
            Capacity(
                resource=r,
                unit="席",
                available=rng.randint(0, 5),
                maximum=10,
                updated_at=timezone.now(),
            )
            for r in resources[::3]
        )
        for r in resources[:20]:
            Adaptation.objects.create(
                resource=r,
                what="開店前の静かな時間に料理の下ごしらえを手伝う",
                capacity=2,
                quiet=True,
                negotiated_by=case.lead_worker,
                organization=case.lead_organization,
            )
        profile = record_profile(
            actor=case.lead_worker,
            access=case_access(case.lead_worker, case),
            interests="料理と畑仕事が好き。囲碁も少し打てる",
            wishes="誰かの役に立ちたい",
            dislikes="大勢の集まり",
            days=["1", "3", "5"],
            times=["morning", "afternoon"],
            needs_quiet=True,
            max_cost=500,
        )
        reader = reader_of(case.lead_worker)
        found = match_profile(profile, reader, family=True)
        samples = []
        for _ in range(max(20, RUNS // 2)):
            started = time.perf_counter()
            match_profile(profile, reader, family=True)
            samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = _percentiles(samples)
        print(
            f"{f'matches over {entries:,} entries (selector)':42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
            f"  ({len(found.ranked)} suggested, {len(found.left_out)} left out)",
            flush=True,
        )
        path = f"/participation/cases/{case.pk}/matches/"
        samples = []
        for _ in range(max(20, RUNS // 2)):
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        p50, p95 = _percentiles(samples)
        print(f"{'  the matches page':42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
        transaction.set_rollback(True)


def printing(client: Any, case: Any) -> None:
    """Each standard sheet printed with a 500-, 2,000- and 20,000-character text in its long
    field (inside a transaction rolled back: the city is left as it was). A text in a table cell
    would take time that grows with the square of its length; the sheets print them outside."""
    from django.db import transaction

    from tsunagu.intake.models import Consultation
    from tsunagu.plans.models import Assessment, Evaluation, SupportPlan

    base = "母の介護で疲れている。息子が何年も家から出ない。夜になると大声を出すことがある。"
    consultation = Consultation.objects.filter(organization=case.lead_organization).first()
    sheets = [  # the rows the sheets print: the latest of each
        ("相談受付票", Consultation, consultation, "main_concern", "/consultations/{}/form.pdf"),
        (
            "アセスメントシート",
            Assessment,
            case.assessments.order_by("-version").first(),
            "health",
            "assessment",
        ),
        (
            "支援プラン",
            SupportPlan,
            case.plans.order_by("-version").first(),
            "persons_wishes",
            "plan",
        ),
        (
            "評価シート",
            Evaluation,
            case.evaluations.order_by("-evaluated_on", "-pk").first(),
            "comment",
            "evaluation",
        ),
    ]
    for label, model, row, field, where in sheets:
        if row is None:
            continue
        path = where.format(row.pk) if "{" in where else f"/cases/{case.pk}/forms/{where}.pdf"
        times = []
        for length in (500, 2_000, 20_000):
            with transaction.atomic():
                model.objects.filter(pk=row.pk).update(**{field: (base * 400)[:length]})
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)
                transaction.set_rollback(True)
        print(
            f"{'print ' + label:36} 500 chars {times[0]:5.2f} s   2,000 chars {times[1]:5.2f} s"
            f"   20,000 chars {times[2]:5.2f} s",
            flush=True,
        )


def recall(organization_id: int) -> None:
    """The search's evaluation set (tests/search/recall_set.py) indexed beside the city and
    searched through the real index, then rolled back: recall and precision."""
    from django.db import transaction
    from django.utils import timezone

    from tests.search.recall_set import RECALL_SET, measure
    from tsunagu.core.japanese import query_alternatives
    from tsunagu.search import backends
    from tsunagu.search.selectors import synonym_table
    from tsunagu.search.services import index_document

    with transaction.atomic():
        documents = {
            index_document(
                kind="bench-note",
                object_id=number,
                case_id=None,
                title="",
                content=note,
                organization_ids=[organization_id],
                occurred_at=timezone.now(),
            ).pk: number
            for number, (note, _found, _not_found) in enumerate(RECALL_SET)
        }
        synonyms = synonym_table()

        def search(query: str) -> set[int]:
            # The city's texts match too: only the set's own notes are judged.
            hits, _total = backends.match(
                query_alternatives(query, synonyms), [organization_id], backends.RANKED_POOL
            )
            return {documents[d] for d, _score in hits if d in documents}

        score = measure(search)
        transaction.set_rollback(True)
    print(
        f"{'search recall (evaluation set)':42} {score.recall:6.1%} ({score.found}/{score.wanted})"
        f"   precision {score.precision:6.1%}   false hits {len(score.false_hits)}",
        flush=True,
    )


def main() -> None:
    _setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.city import build, furnish
    from tsunagu.accounts.models import User
    from tsunagu.audit.services import record_event, verify_chain
    from tsunagu.cases.models import Case
    from tsunagu.core.japanese import query_alternatives
    from tsunagu.people.models import Household
    from tsunagu.search import backends
    from tsunagu.search.selectors import synonym_table

    call_command("migrate", verbosity=0)
    if not Case.objects.exists():
        print(f"building the city at scale {SCALE:g} (once; cached) …", flush=True)
        sizes = build(SCALE)
        print("built:", sizes, flush=True)
    print(f"database: {connection.vendor}; cases: {Case.objects.count():,}", flush=True)

    consultant = User.objects.get(email="consultant@demo.tsunagu.example")
    organization_ids = [m.organization_id for m in consultant.active_memberships]
    client = Client()
    client.force_login(consultant, backend="tsunagu.accounts.backends.AccountBackend")
    case = Case.objects.filter(
        lead_organization_id__in=organization_ids, person__isnull=False
    ).first()
    household = Household.objects.filter(
        members__person__links__organization_id__in=organization_ids
    ).first()
    assert case is not None and household is not None
    furnish(case)

    # As tsunagu.config.wsgi does in a server process: start-up objects out of the GC's way.
    for path in ("/", "/cases/", f"/cases/{case.pk}/", f"/cases/{case.pk}/support/"):
        client.get(path)
    gc.collect()
    gc.freeze()

    def measure(label: str, path: str, params: dict[str, str] | None = None) -> None:
        # Queries are counted on one request; the timed runs go without the query log, whose
        # SQL formatting would be measured too.
        executed: list[str] = []

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(path, params)
        assert response.status_code == 200, (path, response.status_code)
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get(path, params)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        p50, p95 = _percentiles(samples)
        print(
            f"{label:42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  queries {len(executed)}", flush=True
        )

    synonyms = synonym_table()

    def raw_search(query: str) -> tuple[float, float]:
        parts = query_alternatives(query, synonyms)
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            backends.match(parts, organization_ids, 20)
            samples.append((time.perf_counter() - started) * 1000)
        return _percentiles(samples)

    measure(
        "duplicate candidates (高橋一郎, birth date)",
        "/people/candidates/",
        {"name": "高橋 一郎", "birth_date": "S50.6.3"},
    )
    recall(organization_ids[0])
    for query in ("家賃 滞納", "介護", "ハローワーク 同行", "ひきこもり", "かいご", "ケアマネ"):
        measure(f"search as a consultant: {query}", "/search/", {"q": query})
        p50, p95 = raw_search(query)
        print(
            f"{'  raw SQL match (same query)':42} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True
        )
    measure("home page (the consultant's day)", "/")
    measure("caseload list (50 rows)", "/cases/")
    measure("case page: overview and notes", f"/cases/{case.pk}/")
    measure("case page: assessment and plan", f"/cases/{case.pk}/support/")
    measure("case page: agencies and consents", f"/cases/{case.pk}/collaboration/")
    measure("household page", f"/people/households/{household.pk}/")
    printing(client, case)
    importing()
    matching(client, case)
    community_network()
    policy()
    concurrent_partners(case)

    samples = []
    for n in range(RUNS * 10):
        started = time.perf_counter()
        record_event(actor=None, action="view", object_type="bench", object_id=n)
        samples.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(samples)
    print(f"{'one audit row':42} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms", flush=True)
    started = time.perf_counter()
    checked, problems = verify_chain()
    print(
        f"verify_chain: {checked:,} events in {time.perf_counter() - started:.1f} s, "
        f"{len(problems)} problems",
        flush=True,
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
