"""The POST of a review, the same for a coordinator's decision on a school's report and an
expert's on a school document (risks): the views pass what differs — the service that decides,
its conflict, the page and the words."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def review_response(
    request, subject, form, *, decide, conflict, page, done, detail_url, extra_forms=()
):
    """Invalid input: the page with the errors (400). Someone decided meanwhile: their decision
    stands and shows on the fresh page, nothing is saved (409). Otherwise `done(subject)` as the
    message and the subject's page (`detail_url`)."""
    if not all([form.is_valid(), *(extra.is_valid() for extra in extra_forms)]):
        return page(subject, review_form=form, status=400)
    try:
        subject = decide(form.cleaned_data)
    except conflict as error:
        messages.error(request, str(error))
        subject.refresh_from_db()
        return page(subject, status=409)
    except ValidationError as error:
        form.add_error(None, error)
        return page(subject, review_form=form, status=400)
    messages.success(request, done(subject))
    return redirect(detail_url, pk=subject.pk)
