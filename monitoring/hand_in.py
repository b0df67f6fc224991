"""What a school hands in — a report on an activity (monitoring), a document (risks) — goes
through the same two POSTs: the school saves or sends it with its files, a reviewer decides on
it. The views pass what differs: the service, its conflict, the page and the words."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

SUBMIT = "submit"  # the form's «send» button, beside «save a draft»


def save_response(request, form, uploads, *, save, conflict, page, saved):
    """Save through the service (`save(uploads=…, submit=…)`) when the forms are valid, then
    `saved(subject)`; someone else's save meanwhile: `page(conflict=…, status=409)`; otherwise
    the form page with the reasons, every good file asked for again."""
    if request.method == "POST" and all([form.is_valid(), uploads.is_valid()]):
        try:
            subject = save(uploads=uploads.uploads, submit=request.POST.get("action") == SUBMIT)
        except ValidationError as error:
            form.add_error(None, error)
        except conflict as error:
            return page(conflict=str(error), status=409)
        else:
            return saved(subject)
    if request.method == "POST":
        uploads.ask_to_reattach()
    refused = request.method == "POST" and (form.errors or uploads.errors)
    return page(status=400 if refused else 200)


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
