"""オープンデータの取込 from the web: a coordinator gives a file, the worker imports it (here at
once: the tasks run immediately in the tests), and its report says what was understood, made
and updated — or, for a broken file, which row and column to fix, with nothing imported. The
public directory downloads as a 公共施設一覧 (CSV and Excel) with nothing confidential."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.resources.conftest import SECRET
from tsunagu.resources.models import ImportRun, Resource

HEADER = "全国地方公共団体コード,ID,名称,名称_カナ,住所,電話番号\r\n"


def _csv(*rows: str, encoding: str = "cp932") -> SimpleUploadedFile:
    return SimpleUploadedFile("koukyou.csv", (HEADER + "".join(rows)).encode(encoding))


def test_a_file_is_imported_in_the_background_with_its_report(
    cast, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/resources/imports/",
            {
                "file": _csv(
                    "222127,0001,焼津市立図書館,ヤイヅシリツトショカン,静岡県焼津市本町1-1,054-000-0001\r\n"
                )
            },
        )
    assert sent.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == "done" and run.report["created"] == 1
    assert Resource.objects.filter(name="焼津市立図書館").exists()
    page = client.get(sent["Location"]).content.decode()
    assert "名称_カナ" in page and "完了" in page
    # The same file again updates; nothing is doubled.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/resources/imports/",
            {
                "file": _csv(
                    "222127,0001,焼津市立図書館,ヤイヅシリツトショカン,静岡県焼津市本町1-1,054-000-0002\r\n"
                )
            },
        )
    assert Resource.objects.filter(name="焼津市立図書館").count() == 1
    assert ImportRun.objects.first().report["updated"] == 1  # type: ignore[union-attr]


def test_a_broken_file_imports_nothing_and_says_where(
    cast, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/resources/imports/",
            {
                "file": _csv(
                    "222127,0001,よい行,ヨイギョウ,静岡県焼津市本町1-1,054-000-0001\r\n",
                    "222127,0002,,,静岡県焼津市本町1-2,054-000-0002\r\n",
                )
            },
        )
    run = ImportRun.objects.get()
    assert run.status == "failed" and not Resource.objects.filter(name="よい行").exists()
    page = client.get(sent["Location"]).content.decode()
    assert "名称" in page and ">3<" in page  # the row as a spreadsheet numbers it


def test_a_dry_run_keeps_nothing_and_only_coordinators_import(
    cast, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/resources/imports/",
            {
                "file": _csv("222127,0001,試しの施設,タメシ,静岡県焼津市本町1-1,054-000-0001\r\n"),
                "dry_run": "on",
            },
        )
    run = ImportRun.objects.get()
    assert run.status == "done" and run.report["created"] == 1
    assert not Resource.objects.filter(name="試しの施設").exists()
    assert client_for(cast.lead_consultant).get("/resources/imports/").status_code == 404
    empty = client.post("/resources/imports/", {"file": SimpleUploadedFile("x.csv", b"")})
    assert empty.status_code == 400


def test_the_public_directory_downloads_without_a_confidential_field(
    cast, client_for, town_directory
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    csv_text = client.get("/resources/public_facility.csv").content.decode("utf-8-sig")
    sheet = client.get("/resources/public_facility.xlsx").content
    cells = " ".join(
        str(c)
        for row in load_workbook(io.BytesIO(sheet)).active.iter_rows(values_only=True)
        for c in row
    )
    for text in (csv_text, cells):
        assert "川辺ふれあいサロン" in text
        for secret in SECRET.values():
            assert secret not in text
