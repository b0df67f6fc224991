from django.contrib import messages

from outbox.services import collect_deferred, stop_collecting

DEFERRED_MESSAGE = (
    "Сохранено. Очередь задач сейчас недоступна: поручение (письмо или построение файла) "
    "поставлено в очередь, будет выполнено позже."
)


def deferred_orders(get_response):
    """Tells the person when their write stands but its follow-up work had to wait."""

    def middleware(request):
        deferred, token = collect_deferred()
        try:
            response = get_response(request)
        finally:
            stop_collecting(token)
        if deferred:
            messages.warning(request, DEFERRED_MESSAGE, fail_silently=True)
        return response

    return middleware
