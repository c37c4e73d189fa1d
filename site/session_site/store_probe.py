"""The store probe a deployment opts in to: it answers the spec's questions about the session store.

Off unless the deployment's settings set SESSION_SPEC_PROBE_SECRET; then only requests
carrying that secret get an answer. Everyone else gets the site's ordinary 404, as for
any path it does not have. It reads, and starts new sessions (a scenario's "Given the
visitor's session starts with ..."), as any visitor's request may; it never clears the
cache or changes a session that exists. Loading an unknown key creates no session.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from session_steps.server.probe import answer
from session_steps.server.probe_protocol import (
    DEPLOYMENT_ACTIONS,
    KEY_HEADER,
    PROBE_PATH,
    SECRET_SETTING,
    TOKEN_HEADER,
    same_secret,
)

# The probe's path under the URLs that mount session_site.urls.
ROUTE = PROBE_PATH.lstrip("/")


# The harness posts the data of a session to start with the secret, not with a CSRF token.
@csrf_exempt
def store_probe(request: HttpRequest) -> HttpResponse:
    if not same_secret(getattr(settings, SECRET_SETTING, None), request.headers.get(TOKEN_HEADER)):
        raise Http404
    action = request.GET.get("action", "")
    if action == "clear-cache":
        # A scenario that clears the cache is not checked against a deployment, and says so.
        return JsonResponse({"not_clearable": "a deployment's store probe does not clear the cache"})
    if action not in DEPLOYMENT_ACTIONS:
        return JsonResponse({"error": f"a deployment's probe does not {action!r}: it reads, and starts sessions"})
    return JsonResponse(answer(action, request.headers.get(KEY_HEADER, ""), request.body))
