"""自治体標準オープンデータ into the directory: as municipalities really publish it (CP932 or UTF-8
with or without a BOM, quoted newlines, headers written their own way), all rows or none, a
re-import updates, and every problem is named by row and column."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tsunagu.audit.models import AuditEvent
from tsunagu.community.models import Gathering
from tsunagu.resources.models import ClosedPeriod, Location, Resource, Schedule
from tsunagu.resources.services import import_opendata

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "opendata"

#: The 推奨データセット 公共施設一覧 header, as 焼津市 writes it.
OLD_HEADER = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_通称,POIコード,"
    "住所,方書,緯度,経度,電話番号,内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,"
    "利用可能日時特記事項,説明,バリアフリー情報,URL,備考"
)
ROW = (
    "222127,0000010001,静岡県,焼津市,親子ふれあい広場,オヤコフレアイヒロバ,,,焼津市本町5-6-1,"
    ",34.86313333,138.320437,054-626-1111,,,子育て支援課,月火水木金,9:00,17:00,"
    '"【開館時間】9:00～17:00\n【休館日】火曜日、年末年始",,段差なし,,'
)


def _import(text: str, encoding: str = "utf-8", **options):  # type: ignore[no-untyped-def]
    return import_opendata(actor=None, stream=io.BytesIO(text.encode(encoding)), **options)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_a_facility_list_in_any_of_its_encodings(db, encoding) -> None:  # type: ignore[no-untyped-def]
    report = _import(f"{OLD_HEADER}\r\n{ROW}\r\n", encoding)
    assert report.imported and report.created == 1, report.problems
    place = Resource.objects.get()
    assert place.name == "親子ふれあい広場" and place.name_kana == "オヤコフレアイヒロバ"
    assert place.phone == "054-626-1111"
    assert "【休館日】火曜日、年末年始" in place.schedule_note  # the quoted newline kept
    location = Location.objects.get()
    assert (location.prefecture, location.municipality, location.town, location.street) == (
        "静岡県",
        "焼津市",
        "本町",
        "5-6-1",
    )
    assert str(location.latitude) == "34.863133"
    assert [s.weekday for s in Schedule.objects.all()] == [0, 1, 2, 3, 4]
    assert ClosedPeriod.objects.get().starts_month == 12  # 年末年始
    assert place.confirmations.get().how == "import"
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_headers_written_a_little_differently_are_understood_and_reported(db) -> None:  # type: ignore[no-untyped-def]
    header = (
        OLD_HEADER.replace("名称_カナ", "名称（カナ）")
        .replace("電話番号", "電話番号　")  # a full-width space
        .replace("利用可能日時特記事項", "利用可能日時特記事項")
        .replace("POIコード", "独自の列")
    )
    report = _import(f"{header}\n{ROW}\n")
    assert report.imported
    understood = dict(report.understood)
    assert understood["名称（カナ）"] == "名称_カナ" and understood["電話番号　"] == "電話番号"
    assert report.ignored == ["独自の列"]


def test_a_second_import_updates_what_the_first_made(db) -> None:  # type: ignore[no-untyped-def]
    _import(f"{OLD_HEADER}\n{ROW}\n")
    again = _import(f"{OLD_HEADER}\n{ROW.replace('親子ふれあい広場', '親子ふれあいひろば')}\n")
    assert (again.created, again.updated) == (0, 1)
    assert Resource.objects.get().name == "親子ふれあいひろば"
    assert Location.objects.count() == 1 and Schedule.objects.count() == 5


def test_a_dry_run_counts_and_keeps_nothing(db) -> None:  # type: ignore[no-untyped-def]
    report = _import(f"{OLD_HEADER}\n{ROW}\n", dry_run=True)
    assert report.created == 1 and not report.imported and not report.problems
    assert not Resource.objects.exists() and not AuditEvent.objects.filter(action="import")


@pytest.mark.parametrize(
    ("change", "column", "says"),
    [
        (lambda r: r.replace("9:00,17:00", "17:00,9:00"), "終了時間", "開始時刻より前"),
        (lambda r: r.replace("34.86313333", "北緯34度"), "緯度", "北緯34度"),
        (lambda r: r.replace("親子ふれあい広場", ""), "名称", "名称が空"),
        (lambda r: r.replace("0000010001", ""), "NO", "ID"),
        (lambda r: r + ",余分な列", "", "列"),
    ],
)
def test_a_broken_row_imports_nothing_and_is_named(db, change, column, says) -> None:  # type: ignore[no-untyped-def]
    good = ROW.replace("0000010001", "0000010002")
    report = _import(f"{OLD_HEADER}\n{good}\n{change(ROW)}\n")
    assert not report.imported and not Resource.objects.exists()
    problem = report.problems[0]
    assert problem.row == 3 and problem.column == column
    assert says in str(problem), str(problem)


def test_a_file_in_no_japanese_encoding_or_without_a_name_column_imports_nothing(db) -> None:  # type: ignore[no-untyped-def]
    unknown = import_opendata(actor=None, stream=io.BytesIO("名称\n".encode("utf-16")))
    assert unknown.problems and not unknown.imported
    nameless = _import("NO,住所\n1,焼津市本町1\n")
    assert "名称" in str(nameless.problems[0]) or nameless.problems[0].column == "名称"
    assert not Resource.objects.exists()


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference/opendata is not here")
def test_every_real_municipal_file_imports_and_reimports_without_duplicates(db, capsys) -> None:  # type: ignore[no-untyped-def]
    files = sorted(str(p) for p in REFERENCE.glob("*.csv"))
    assert files
    call_command("import_opendata", *files)
    first = Resource.objects.count()
    # An event list becomes 地域づくり's public gatherings (tests/community/test_event_import.py).
    places = [f for f in files if "event" not in f]
    assert first == sum(1 for _ in _rows(places))
    assert Gathering.objects.count() == sum(1 for _ in _rows(sorted(set(files) - set(places))))
    call_command("import_opendata", *files)
    out = capsys.readouterr().out
    assert Resource.objects.count() == first and out.count("新規 0件") == len(files)


def _rows(files):  # type: ignore[no-untyped-def]
    from tsunagu.resources.opendata import read_rows

    for name in files:
        with open(name, "rb") as stream:
            yield from read_rows(stream)[1]


def test_the_command_exits_non_zero_when_nothing_was_imported(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.csv"
    broken.write_bytes(f"{OLD_HEADER}\n{ROW.replace('9:00,17:00', '17:00,9:00')}\n".encode())
    with pytest.raises(CommandError):
        call_command("import_opendata", str(broken))
    with pytest.raises(CommandError):
        call_command("import_opendata", str(broken.with_name("missing.csv")))
    assert not Resource.objects.exists()


def test_a_file_longer_than_a_batch_and_an_id_given_twice(db) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ROW.replace("0000010001", f"{n:010d}").replace("親子ふれあい広場", f"施設{n}")
        for n in range(1, 651)
    ]
    rows.append(ROW.replace("0000010001", f"{7:010d}").replace("親子ふれあい広場", "施設7（改称）"))
    report = _import(OLD_HEADER + "\n" + "\n".join(rows) + "\n")
    assert report.imported and (report.created, report.updated) == (650, 1), report.problems
    assert Resource.objects.count() == 650 and Location.objects.count() == 650
    assert Resource.objects.get(source_id=f"{7:010d}").name == "施設7(改称)"  # NFKC, as read
    assert Schedule.objects.count() == 650 * 5 and ClosedPeriod.objects.count() == 650
    again = _import(OLD_HEADER + "\n" + "\n".join(rows[:650]) + "\n")
    assert (again.created, again.updated) == (0, 650) and Resource.objects.count() == 650


def test_the_public_directory_exported_as_a_facility_list_holds_no_secret_and_reads_back(  # type: ignore[no-untyped-def]
    town_directory, tmp_path
) -> None:
    from tests.resources.conftest import SECRET

    exported = tmp_path / "222127_public_facility.csv"
    call_command("export_opendata", str(exported), "--code", "999999", "--town", "つなぐ町")
    raw = exported.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("全国地方公共団体コード,ID,地方公共団体名,名称")
    assert "川辺ふれあいサロン" in text and "13:30-15:30" in text
    assert "問い合わせ先: つなぐ町役場 福祉課 0561-00-2000" in text
    for secret in (*SECRET.values(), "桜町", "家族の会"):
        assert secret not in text, secret
    before = Resource.objects.count()
    with exported.open("rb") as stream:
        report = import_opendata(actor=None, stream=stream)
    assert report.imported and report.created == 2, report.problems
    assert Resource.objects.count() == before + 2
    back = Resource.objects.get(source_code="999999", name="川辺ふれあいサロン")
    assert [(s.weekday, s.opens_at.hour) for s in back.schedules.all()] == [(2, 13)]
