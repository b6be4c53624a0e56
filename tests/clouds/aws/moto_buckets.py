"""ListBuckets' BucketRegion for moto's server, which leaves it out.

S3 API Reference, ListBuckets, Bucket.BucketRegion: "BucketRegion indicates the Amazon Web
Services region where the bucket is located. If the request contains at least one valid
parameter, it is included in the response." moto already filters by prefix, bucket-region
and max-buckets; this answers the same buckets with where each is kept, as AWS does when one
of those parameters is given."""
from __future__ import annotations

from moto.core.responses import ActionResult
from moto.s3.responses import S3Response

PARAMETERS = ("prefix", "bucket-region", "max-buckets", "continuation-token")


def all_buckets(self):
    self.data["Action"] = "ListAllMyBuckets"
    self._authenticate_and_authorize_s3_action()
    buckets = self.backend.list_buckets(prefix=self._get_param("prefix"),
                                        bucket_region=self._get_param("bucket-region"),
                                        max_buckets=self._get_param("max-buckets"))
    located = any(self._get_param(p) for p in PARAMETERS)
    self.data["Action"] = "ListBuckets"
    return self.serialized(ActionResult({
        "Owner": {"ID": "bcaf1ffd86f41161ca5fb16fd081034f", "DisplayName": "webfile"},
        "Buckets": [{"Name": b.name, "CreationDate": b.creation_date_ISO8601,
                     **({"BucketRegion": b.region_name} if located else {})} for b in buckets]}))


S3Response.all_buckets = all_buckets
