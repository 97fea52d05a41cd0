"""An S3 API server for tests: moto's standalone server, a process of its own on loopback.

The code under test talks to it over real HTTP with boto3, exactly as it would to AWS S3 or
MinIO; nothing in this process is patched. Each test gets a bucket of its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

import boto3

# moto accepts any credentials; these only have to be the same on both sides.
ACCESS_KEY = "metskin-test-access-key"
SECRET_KEY = "metskin-test-secret-key"
REGION = "us-east-1"
_LISTENING = re.compile(r"Running on http://127\.0\.0\.1:(\d+)")


@dataclass
class S3Server:
    process: subprocess.Popen[str]
    endpoint_url: str

    def client(self) -> Any:
        """A boto3 client of the server, to look at the bucket from outside the storage."""
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def new_bucket(self) -> str:
        bucket = f"metskin-test-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=bucket)
        return bucket

    def keys(self, bucket: str) -> list[str]:
        """Every key in ``bucket``, listed by the S3 API itself."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(entry["Key"] for page in pages for entry in page.get("Contents", ()))

    def object_bytes(self, bucket: str, key: str) -> bytes:
        """An object as stored, fetched straight from the S3 API (no decryption)."""
        data: bytes = self.client().get_object(Bucket=bucket, Key=key)["Body"].read()
        return data

    def user_with_bucket_access(self, bucket: str) -> tuple[str, str]:
        """A new IAM user allowed everything on ``bucket``, and its access key and secret.

        Spends four of a ``free_requests`` server's unchecked requests (with the bucket's)."""
        iam = boto3.client(
            "iam",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )
        iam.create_user(UserName="metskin")
        iam.put_user_policy(
            UserName="metskin",
            PolicyName="media",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "s3:*",
                            "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                        }
                    ],
                }
            ),
        )
        key = iam.create_access_key(UserName="metskin")["AccessKey"]
        self.client().create_bucket(Bucket=bucket)
        return str(key["AccessKeyId"]), str(key["SecretAccessKey"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class S3Bucket:
    """The bucket a test's private media go to, and a look at it from outside the app."""

    server: S3Server
    name: str
    location: str = "private"

    def listed_keys(self) -> list[str]:
        return self.server.keys(self.name)

    def object_bytes(self, stored_name: str) -> bytes:
        return self.server.object_bytes(self.name, f"{self.location}/{stored_name}")

    def content_type(self, stored_name: str) -> str:
        head = self.server.client().head_object(
            Bucket=self.name, Key=f"{self.location}/{stored_name}"
        )
        return str(head["ContentType"])


def start_s3_server(
    port: int = 0, timeout: float = 30.0, *, free_requests: int | None = None
) -> S3Server:
    """Start ``python -m moto.server`` on 127.0.0.1 (port 0: any free port) and wait for it.

    With ``free_requests``, the server checks every request's signature against its own IAM
    users once that many requests have been served (moto's INITIAL_NO_AUTH_ACTION_COUNT), as
    AWS and MinIO do from the start; otherwise it accepts any credentials.
    """
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if free_requests is not None:
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = str(free_requests)
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = _LISTENING.search(line)
        if match:
            server = S3Server(process, f"http://127.0.0.1:{match.group(1)}")
            # Its request log must be drained, or the server blocks once the pipe is full.
            _drain(process)
            return server
    process.kill()
    raise RuntimeError("moto's S3 server did not start: " + "".join(seen)[-2000:])


def _drain(process: subprocess.Popen[str]) -> None:
    def read() -> None:
        assert process.stdout is not None
        for _ in process.stdout:
            pass

    threading.Thread(target=read, daemon=True, name="moto-log").start()
