"""Form 2C as PDF: the HTML template rendered by WeasyPrint with the fonts installed on the machine.

Nothing is fetched from the network: the only resources a form refers to are its photo, inlined as a
data: URI, and the fonts, which WeasyPrint finds through fontconfig and embeds (subset) in the PDF.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from canbo.core.formatting import format_date

from . import form2c as f
from .form2c import Form2C

PDF_CONTENT_TYPE = "application/pdf"


def form2c_html(forms: Sequence[Form2C]) -> str:
    """The forms as one HTML document laid out for print (A4, the official margins)."""
    as_of = forms[0].as_of if forms else None
    labels = {
        "title_text": f.TITLE,
        "form_code": f.FORM_CODE,
        "dots": f.DOTS,
        "header_managing": f.HEADER_MANAGING,
        "header_employing": f.HEADER_EMPLOYING,
        "header_code": f.HEADER_CODE,
        "photo_caption": f.PHOTO_CAPTION,
        "training_note": f.TRAINING_NOTE,
        "prompts": f.PERSONAL_HISTORY_PROMPTS,
        "lines29": range(f.BLANK_LINES_29),
        "family_own": f.FAMILY_OWN_HEADING,
        "family_spouse": f.FAMILY_SPOUSE_HEADING,
        "sign_left": f.SIGN_LEFT,
        "sign_right": f.SIGN_RIGHT,
        "footer": f"{f.FORM_CODE} · Số liệu hồ sơ tại ngày {format_date(as_of)}",
        **{f"s{number}": title for number, title in f.SECTION_TITLES.items()},
    }
    items = [
        {
            "form": form,
            "photo_uri": _data_uri(form.photo),
            "lines32": range(f.assessment_blank_lines(form)),
        }
        for form in forms
    ]
    with translation.override("vi"):
        return render_to_string("documents/form2c.html", {"forms": items, "c": labels})


def form2c_pdf(forms: Sequence[Form2C]) -> bytes:
    """One PDF holding the forms in order, each starting on a new page."""
    from weasyprint import HTML

    return bytes(HTML(string=form2c_html(forms), url_fetcher=_offline_fetcher()).write_pdf())


def _data_uri(photo: bytes | None) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(photo).decode("ascii") if photo else ""


def _offline_fetcher() -> Any:
    """A URL fetcher that serves data: URIs and refuses everything else (no network, no local files)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 66 takes a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"Refusing to fetch {url!r}: documents are rendered offline.")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols={"data"})
