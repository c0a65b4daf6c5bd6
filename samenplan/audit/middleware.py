"""Every refused attempt at a plan is in the audit log too (NEN 7513): a 404 for someone
who is not a member, a 403 for a member who may not do this."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .actions import client_address, do_record_event
from .models import AuditEvent


class RefusalAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if (isinstance(exception, Http404 | PermissionDenied) and match is not None
                and "plan_id" in match.kwargs):
            do_record_event(request.user, AuditEvent.DENIED, match.view_name,
                            plan_id=match.kwargs["plan_id"], source=client_address(request))
        return None  # Django goes on to answer 404 or 403 as usual
