"""The справка of the demo program rendered to PNG pages: artifacts for people to look at."""

import subprocess

from django.utils.translation import override

from programs.models import ActivityYear
from programs.status import ExecutionStatus
from reports.builders import spravka_pdf
from reports.models import ReportText
from reports.selectors import spravka_data
from tests.tools import poppler


def test_demo_spravka_pages_are_saved_as_png(demo, artifacts_dir, tmp_path):
    # Some execution marks, so that the pages show real counts and charts.
    years = ActivityYear.objects.filter(activity__section__program=demo, year=2022)
    for index, year in enumerate(years.order_by("activity__position", "pk")):
        year.status = [ExecutionStatus.DONE, ExecutionStatus.PARTLY_DONE, ExecutionStatus.NOT_DONE][
            index % 3
        ]
        year.save()
    text = ReportText.objects.create(
        program=demo,
        year=2022,
        conclusions="МБОУ Кормовская СОШ: провести педсовет по итогам ВПР.\nИМЦ: семинар.",
        signer_position="Заведующий отделом образования",
        signer_name="Е. П. Иванова",
    )
    with override("ru"):
        pdf = tmp_path / "spravka.pdf"
        pdf.write_bytes(spravka_pdf(spravka_data(demo, 2022, text)))
    for old in artifacts_dir.glob("spravka-demo-*.png"):
        old.unlink()
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", str(pdf), str(artifacts_dir / "spravka-demo")],
        check=True,
    )
    pages = sorted(artifacts_dir.glob("spravka-demo-*.png"))
    assert len(pages) >= 2
    text = subprocess.run(
        [poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert demo.title.split()[0] in text and "2022" in text and "Е. П. Иванова" in text
