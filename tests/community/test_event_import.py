"""イベント一覧 into 地域づくり: a municipality's real event list becomes public gatherings (with
the same report and atomicity as the directory's import); the town's own export reads back in;
a broken row imports nothing and says which row and column to fix."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tsunagu.community import public
from tsunagu.community.models import Gathering
from tsunagu.resources.models import ImportRun, Resource
from tsunagu.resources.opendata import as_stream
from tsunagu.resources.services import import_opendata

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "opendata"
TOKOROZAWA = REFERENCE / "112089_tokorozawa_event_registry.csv"
HEADER = "全国地方公共団体コード,ID,イベント名,開始日,終了日,開始時間,終了時間,場所名称,説明,料金(基本),URL\r\n"


def _import(text: str, **options):  # type: ignore[no-untyped-def]
    return import_opendata(actor=None, stream=as_stream(text.encode("utf-8")), **options)


@pytest.mark.skipif(not TOKOROZAWA.is_file(), reason="../shared/reference/opendata is not here")
def test_a_real_event_list_becomes_public_gatherings_once(db) -> None:  # type: ignore[no-untyped-def]
    with TOKOROZAWA.open("rb") as stream:
        report = import_opendata(actor=None, stream=stream, source_name=TOKOROZAWA.name)
    assert report.dataset == "event" and report.imported, report.problems[:5]
    assert report.created == report.rows == 109
    assert ("イベント種類", "イベント種類") not in report.understood
    assert not Resource.objects.exists()  # events are no directory entries
    talk = Gathering.objects.filter(title="IT(パソコン)相談").order_by("held_on").first()
    assert talk is not None and talk.public and talk.source_code == "112089"
    assert talk.held_on == dt.date(2022, 1, 25)
    assert "第1週から第4週の火曜日と金曜日" in talk.description  # 日時備考, multi-line
    assert "(04)2991-0307" not in talk.contact and "04-2991-0307" in talk.contact
    with TOKOROZAWA.open("rb") as stream:
        again = import_opendata(actor=None, stream=stream)
    assert (again.created, again.updated) == (0, 109)
    assert Gathering.objects.count() == 109


def test_a_dry_run_keeps_nothing_and_a_broken_row_imports_nothing(db) -> None:  # type: ignore[no-untyped-def]
    good = "112089,E1,ふれあい作品展,2026-12-10,2026-12-12,10:00,16:00,市民ホール,作品の展示,0,\r\n"
    dry = _import(HEADER + good, dry_run=True)
    assert dry.created == 1 and not dry.problems and not Gathering.objects.exists()
    broken = _import(
        HEADER + good + "112089,E2,星空観察会,,2026-12-20,19:00,21:00,公園,,,\r\n"
        "112089,E3,餅つき,2026-12-28,2026-12-27,,,集会所,,,ftp://example\r\n"
    )
    assert not broken.imported and not Gathering.objects.exists()
    where = {(p.row, p.column) for p in broken.problems}
    assert (3, "開始日") in where and (4, "終了日") in where and (4, "URL") in where
    done = _import(HEADER + good)
    event = Gathering.objects.get()
    assert done.imported and event.fee == "無料" and event.venue == "市民ホール"
    assert (event.starts_at, event.ends_at) == (dt.time(10), dt.time(16))
    assert event.ends_on == dt.date(2026, 12, 12) and event.type.code == "event"


def test_the_towns_own_event_list_reads_back_in(net, settings) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.community import services

    settings.LOCAL_GOVERNMENT_CODE = "999999"
    services.record_gathering(
        actor=net.me,
        type=net.kurumaza,
        title="車座「冬の居場所」",
        held_on=timezone.localdate() + dt.timedelta(days=5),
        starts_at=dt.time(18, 30),
        place=net.hall,
        public=True,
        fee="無料",
    )
    exported = Client().get("/public/events.csv").content
    Gathering.objects.all().delete()
    report = import_opendata(actor=None, stream=as_stream(exported))
    assert report.imported, report.problems
    back = Gathering.objects.get()
    assert back.title == "車座「冬の居場所」" and back.starts_at == dt.time(18, 30)
    assert back.venue == "まちの縁側 フリースペース" and back.public
    assert public.find_events(public.Search())[0].title == "車座「冬の居場所」"


def test_an_event_list_is_imported_from_the_web_page(
    cast, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(
        "event.csv",
        (HEADER + "112089,E1,ふれあい作品展,2026-12-10,,,,市民ホール,,,\r\n").encode("cp932"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = client_for(cast.community_coordinator).post("/resources/imports/", {"file": upload})
    assert sent.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == "done" and run.report["dataset"] == "event"
    assert Gathering.objects.get().title == "ふれあい作品展"
