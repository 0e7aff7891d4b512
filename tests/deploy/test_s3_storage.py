"""With S3_BUCKET the uploaded files live in S3-compatible storage (django-storages), for real:
an S3 server on loopback (moto's ThreadedMotoServer, the S3 protocol over HTTP), a photo
uploaded through the collaborator's activity form lands in the bucket, and the scoped view
serves it back from there."""

import secrets

import boto3
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from giamngheo.collaborators.duties import Duty
from giamngheo.collaborators.models import Activity, Collaborator

from .settings_env import settings_with

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(256)


@pytest.fixture
def bucket():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "S3_BUCKET": "giamngheo-test",
        "S3_ENDPOINT_URL": f"http://{host}:{port}",
        "S3_ACCESS_KEY_ID": "test-key",
        "S3_SECRET_ACCESS_KEY": "test-secret",
        "S3_REGION": "us-east-1",
        "S3_ADDRESSING_STYLE": "path",
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=env["S3_ENDPOINT_URL"],
        aws_access_key_id=env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["S3_SECRET_ACCESS_KEY"],
        region_name=env["S3_REGION"],
    )
    s3.create_bucket(Bucket=env["S3_BUCKET"])
    storages = {**settings.STORAGES, "default": settings_with(**env)["STORAGES"]["default"]}
    try:
        with override_settings(STORAGES=storages):
            yield s3, env["S3_BUCKET"]
    finally:
        server.stop()


def test_an_uploaded_photo_is_written_to_the_bucket_and_served_back_from_it(demo, login, bucket):
    s3, name = bucket
    assert settings.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    ctv = Collaborator.objects.get(user__username="ctv.tumorong")
    client = login(ctv.user)
    response = client.post(
        reverse("collaborators:activity_add", args=[ctv.pk]),
        {
            "done_on": timezone.localdate().isoformat(),
            "duty": Duty.REQUESTS,
            "description": "Ảnh thăm hộ, lưu trên S3",
            "attachment": SimpleUploadedFile("anh-tham-ho.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(description="Ảnh thăm hộ, lưu trên S3")

    stored = s3.get_object(Bucket=name, Key=activity.attachment.name)
    assert stored["Body"].read() == PNG
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=name)["Contents"]]
    assert listed == [activity.attachment.name]

    served = client.get(reverse("collaborators:activity_attachment", args=[activity.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
