from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.access import Role, role_of
from councils import selectors, services
from councils.api.filters import (
    ActionItemFilter,
    CommitteeFilter,
    CommitteeMemberFilter,
    MeetingFilter,
)
from councils.api.serializers import (
    ActionItemSerializer,
    CharterVersionSerializer,
    CommitteeCompositionSerializer,
    CommitteeDissolveInputSerializer,
    CommitteeMemberEndInputSerializer,
    CommitteeMemberPublicSerializer,
    CommitteeMemberSerializer,
    CommitteeSerializer,
    MeetingCancelInputSerializer,
    MeetingHoldInputSerializer,
    MeetingSerializer,
)
from councils.ics import meeting_ics, meeting_ics_filename
from councils.models import Membership


class ICalendarRenderer(renderers.BaseRenderer):
    """Lets a client that asks for ``Accept: text/calendar`` get the invite."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        # Errors (404, 403) still say what went wrong, as the JSON they are.
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data)


class _NoDeleteViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Council records are history: they end, dissolve or get cancelled instead."""


class CommitteeViewSet(_NoDeleteViewSet):
    policy_resource = "committees"
    serializer_class = CommitteeSerializer
    filterset_class = CommitteeFilter
    ordering_fields = CommitteeFilter.ordering_fields

    def get_queryset(self):
        return selectors.committee_list_with_last_meeting(
            selectors.committee_visible_to(self.request.user)
        ).order_by("kind", "name", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.committee_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.committee_update(
            committee=serializer.instance, **serializer.validated_data
        )

    def _reload(self, committee):
        return self.get_queryset().get(pk=committee.pk)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        response.data = self.get_serializer(self._reload(self.get_object())).data
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        data = self.get_serializer(self._reload(serializer.instance)).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CommitteeCompositionSerializer)
    @action(detail=True, methods=["get"])
    def composition(self, request, pk=None):
        """The mix of current members by affiliation and category."""
        mix = selectors.committee_composition(self.get_object())
        keys = ("total", "by_affiliation", "by_category", "has_school", "has_enterprise")
        return Response({**{k: mix[k] for k in keys}, "missing": mix["missing"], "ok": mix["ok"]})

    # A list like every other (paginated); the committees' own filters do not apply.
    @extend_schema(responses=CharterVersionSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def charters(self, request, pk=None):
        """The charter's versions, newest first."""
        committee = self.get_object()
        rows = (
            selectors.charter_visible_to(request.user)
            .filter(committee=committee)
            .order_by("-version", "-pk")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(CharterVersionSerializer(page, many=True).data)

    @extend_schema(request=CommitteeDissolveInputSerializer, responses=CommitteeSerializer)
    @action(detail=True, methods=["post"])
    def dissolve(self, request, pk=None):
        committee = self.get_object()
        payload = CommitteeDissolveInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        committee = services.committee_dissolve(committee=committee, **payload.validated_data)
        return Response(self.get_serializer(self._reload(committee)).data)


class CommitteeMemberViewSet(_NoDeleteViewSet):
    policy_resource = "committee-members"
    filterset_class = CommitteeMemberFilter
    ordering_fields = ["id", "name", "role", "affiliation", "category", "term_start", "term_end"]

    def get_queryset(self):
        return selectors.membership_visible_to(self.request.user).order_by("committee_id", "pk")

    def get_serializer_class(self):
        if role_of(self.request.user) == Role.LIAISON:
            return CommitteeMemberPublicSerializer
        return CommitteeMemberSerializer

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", None)
        if fields is not None and "committee" in fields:
            # Only committees the caller can see may be named.
            fields["committee"].queryset = selectors.committee_visible_to(self.request.user)
        return serializer

    def perform_create(self, serializer):
        serializer.instance = services.membership_add(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.membership_update(
            membership=serializer.instance, **serializer.validated_data
        )

    @extend_schema(request=CommitteeMemberEndInputSerializer, responses=CommitteeMemberSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        membership = self.get_object()
        payload = CommitteeMemberEndInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = services.membership_end(membership=membership, **payload.validated_data)
        return Response(self.get_serializer(membership).data)


class MeetingViewSet(_NoDeleteViewSet):
    policy_resource = "meetings"
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ["id", "scheduled_at", "status", "kind"]

    def get_queryset(self):
        return selectors.meeting_visible_to(self.request.user).order_by("-scheduled_at", "-pk")

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", None)
        if fields is not None and "committee" in fields:
            fields["committee"].queryset = selectors.committee_visible_to(self.request.user)
        return serializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("minutes", None)
        data.pop("work_plan", None)
        serializer.instance = services.meeting_schedule(**data)

    def perform_update(self, serializer):
        serializer.instance = services.meeting_update(
            meeting=serializer.instance, **serializer.validated_data
        )

    def _fresh(self, meeting):
        return self.get_queryset().get(pk=meeting.pk)

    @extend_schema(request=MeetingHoldInputSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        meeting = self.get_object()
        payload = MeetingHoldInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        ids = set(data["attendees"])
        attendees = list(Membership.objects.filter(pk__in=ids))
        if len(attendees) != len(ids):
            # Unknown ids are people who are not members either.
            attendees.extend(Membership(pk=pk) for pk in ids - {m.pk for m in attendees})
        meeting = services.meeting_hold(
            meeting=meeting,
            minutes=data["minutes"],
            attendees=attendees,
            work_plan=data.get("work_plan"),
        )
        return Response(self.get_serializer(self._fresh(meeting)).data)

    @extend_schema(request=MeetingCancelInputSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting = self.get_object()
        payload = MeetingCancelInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        meeting = services.meeting_cancel(meeting=meeting, **payload.validated_data)
        return Response(self.get_serializer(self._fresh(meeting)).data)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY})
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[ICalendarRenderer, renderers.JSONRenderer],
    )
    def ics(self, request, pk=None):
        meeting = self.get_object()
        response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{meeting_ics_filename(meeting)}"'
        return response


class ActionItemViewSet(_NoDeleteViewSet):
    policy_resource = "action-items"
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    ordering_fields = ["id", "due_on", "status"]

    def get_queryset(self):
        return selectors.action_item_visible_to(self.request.user).order_by("due_on", "pk")

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", None)
        if fields is not None and "meeting" in fields:
            fields["meeting"].queryset = selectors.meeting_visible_to(self.request.user)
        return serializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status", None)
        serializer.instance = services.action_item_create(**data)

    def perform_update(self, serializer):
        serializer.instance = services.action_item_update(
            action_item=serializer.instance, **serializer.validated_data
        )

    @extend_schema(request=None, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        item = services.action_item_complete(action_item=self.get_object())
        return Response(self.get_serializer(item).data)
