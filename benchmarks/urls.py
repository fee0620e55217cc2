"""The site's URLs with the ceiling in front: a view that answers a constant, through the same
middleware, server and workers as every page measured against it."""

from django.http import HttpResponse
from django.urls import path

from training_site.urls import urlpatterns as site


def constant(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/constant", constant), *site]
