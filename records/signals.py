"""Keep a review's stored figures in step when the review or its agreement's majors change.

A review created by the roll or an activation gets the figures its
enterprise's records give at once; so does every review of an agreement
whose majors change (the figures of a major's records follow the majors).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save

from common.loading import restoring


def _review_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and not restoring():
        from records import figures

        # The enterprise's other reviews of the year may give up a share to it.
        enterprise_id = (
            type(instance)
            .objects.filter(pk=instance.pk)
            .values_list("agreement__enterprise_id", flat=True)
        )
        figures.refresh(enterprise_ids=set(enterprise_id), review_ids={instance.pk})


def _majors_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action not in ("post_add", "post_remove") or restoring():
        return
    from partnerships.models import AnnualReview
    from records import figures

    agreements = (pk_set or set()) if reverse else {instance.pk}
    # Every review of those enterprises: a major's records may move between
    # the reviews of one enterprise's agreements.
    enterprises = AnnualReview.objects.filter(agreement_id__in=agreements).values_list(
        "agreement__enterprise_id", flat=True
    )
    figures.refresh(enterprise_ids=set(enterprises))


def connect() -> None:
    from partnerships.models import AnnualReview, CooperationAgreement

    post_save.connect(_review_saved, sender=AnnualReview, dispatch_uid="records_review_saved")
    m2m_changed.connect(
        _majors_changed,
        sender=CooperationAgreement.majors.through,
        dispatch_uid="records_majors_changed",
    )
