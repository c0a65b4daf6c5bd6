"""Writing audit events. Callers run this inside the same transaction as the change."""

from .models import AuditEvent


def do_record_event(user, kind, section, *, plan=None, membership=None, obj=None, source=None):
    return AuditEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        role=membership.role if membership is not None else "",
        plan_id=plan.pk if plan is not None else None,
        section=section,
        object_id=str(obj.pk) if obj is not None else "",
        source=source,
    )


def client_address(request):
    return request.META.get("REMOTE_ADDR") or None
