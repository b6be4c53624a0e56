"""Normal forms both sides of AWS drift share for settings AWS reads one call at a time (the
declared side from the plan, clouds/aws/declared.py; the live side from the API,
clouds/aws/drift_data.py and drift_reads.py): a bucket's ACL grants and event notifications,
a VPC's DNS attributes, the fields a flow log records, and policy documents (their normal form,
whom they let in and on what terms). Standard library only, so either side
imports it without a cycle."""
from __future__ import annotations

import json


def tag_map(entries) -> dict:
    """An AWS tag list ([{"Key": k, "Value": v}]) as a dict."""
    return {t["Key"]: t["Value"] for t in entries or []}


#: the fields of a flow log record in AWS's default format (Amazon VPC User Guide, "Flow log
#: records", Default format), recorded when a flow log is given no format of its own
DEFAULT_FLOW_FIELDS = ("version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
                       "protocol", "packets", "bytes", "start", "end", "action", "log-status")


def vpc_layer(vpc: dict, blocks) -> str | None:
    """A VPC's layer (DescribeVpcs): the most closed of its Layer tag and the layer whose block
    in the address plan holds its primary CIDR (`blocks`: network.model.layer_blocks), which no
    one can change after creation. A tag changed or removed cannot make what is found in a
    mynumber VPC less severe."""
    from netaddr import IPNetwork

    from drift.items import most_closed
    cidr = IPNetwork(vpc["CidrBlock"])
    planned = [layer for layer, block in blocks if cidr.version == block.version and cidr in block]
    return most_closed([x for x in (tag_map(vpc.get("Tags")).get("Layer"), *planned) if x])


def flow_fields(log_format: str | None) -> list[str]:
    """The fields a flow log records: those its format names (`${srcaddr} ${dstaddr} ...`), or
    the default format's when it has none (the plan without `log_format`, an emulator that
    answers no LogFormat); AWS answers the default format spelled out, the same fields."""
    if not log_format:
        return sorted(DEFAULT_FLOW_FIELDS)
    return sorted({part.strip()[2:-1] for part in log_format.split() if part.strip().startswith("${")})


#: a VPC's DNS attributes (DescribeVpcAttribute, one at a time) -> the name drift gives them
VPC_DNS_ATTRIBUTES = {"enableDnsSupport": "support", "enableDnsHostnames": "hostnames"}


#: canned ACLs (PutBucketAcl x-amz-acl; pulumi_aws BucketAcl `acl`) -> what each grants
#: besides the owner's FULL_CONTROL (Amazon S3 User Guide, "Canned ACL": "The LogDelivery group
#: gets WRITE and READ_ACP permissions on the bucket"; bucket-owner-read/-full-control: "If you
#: specify this canned ACL when creating a bucket, Amazon S3 ignores it"); aws-exec-read, which
#: grants EC2 by an id of its own, is left out, and such a bucket's ACL is not compared
CANNED_GRANTS = {
    "private": [], "bucket-owner-read": [], "bucket-owner-full-control": [],
    "public-read": ["AllUsers READ"], "public-read-write": ["AllUsers READ", "AllUsers WRITE"],
    "authenticated-read": ["AuthenticatedUsers READ"],
    "log-delivery-write": ["LogDelivery READ_ACP", "LogDelivery WRITE"],
}


def grantee_name(grantee: dict) -> str:
    """A group by the last part of its URI (AllUsers, AuthenticatedUsers, LogDelivery), an
    account by its canonical user id, a person by address; the API's keys and the SDK's
    differ only in case."""
    get = {k.lower(): v for k, v in grantee.items()}.get
    if str(get("type", "")) == "Group":
        return str(get("uri", "")).rsplit("/", 1)[-1]
    return str(get("id") or get("emailaddress") or get("email_address") or "?")


def _besides_owner(owner, grants) -> list[str]:
    """(grantee, permission) pairs as "<grantee> <permission>", the owner's own grant left out."""
    out = set()
    for grantee, permission in grants:
        get = {k.lower(): v for k, v in grantee.items()}.get
        if not (get("type") == "CanonicalUser" and get("id") == owner):
            out.add(f"{grantee_name(grantee)} {permission}")
    return sorted(out)


def acl_grants(acl: dict) -> list[str]:
    """Whom a bucket's ACL (GetBucketAcl) grants anything besides the bucket's owner, as
    "<grantee> <permission>". With Object Ownership "bucket owner enforced" (new buckets'
    default) only the owner's grant is there; a grant to another account is a way in that
    Block Public Access does not close."""
    return _besides_owner((acl.get("Owner") or {}).get("ID"),
                          [(g.get("Grantee") or {}, g.get("Permission")) for g in acl.get("Grants", [])])


def declared_acl_grants(acl_resource) -> list[str] | None:
    """The grants a declared BucketAcl gives besides the owner's, as acl_grants names them;
    None where they cannot be told (aws-exec-read)."""
    canned = acl_resource.get("acl")
    if canned:
        return CANNED_GRANTS.get(str(canned))
    policy = acl_resource.get("accessControlPolicy") or {}
    return _besides_owner((policy.get("owner") or {}).get("id"),
                          [(g.get("grantee") or {}, g.get("permission")) for g in policy.get("grants") or []])


def vpc_dns(inputs: dict) -> list[str]:
    """The VPC's DNS attributes that are on, as declared (pulumi_aws Vpc: enable_dns_support
    "Defaults to `true`", enable_dns_hostnames "Defaults to `false`"), named as
    clouds/aws/drift_reads.py VPC_DNS_ATTRIBUTES names them."""
    on = {"support": inputs.get("enableDnsSupport", True), "hostnames": inputs.get("enableDnsHostnames", False)}
    return sorted(name for name, value in on.items() if value)


__all__ = ["VPC_DNS_ATTRIBUTES", "CANNED_GRANTS", "acl_grants", "declared_acl_grants", "grantee_name", "vpc_dns"]


#: where a bucket's event notifications go: (API configuration list, its ARN field) as
#: GetBucketNotificationConfiguration answers, (pulumi_aws BucketNotification input, its field)
NOTIFICATION_TARGETS = (("TopicConfigurations", "TopicArn", "topics", "topicArn"),
                        ("QueueConfigurations", "QueueArn", "queues", "queueArn"),
                        ("LambdaFunctionConfigurations", "LambdaFunctionArn", "lambdaFunctions", "lambdaFunctionArn"))
#: the account's default event bus, when a bucket sends every event to EventBridge
EVENTBRIDGE = "eventbridge"


def notification_targets(config: dict) -> list[str]:
    """Where a bucket's events go (GetBucketNotificationConfiguration): each topic, queue and
    function ARN, and `eventbridge` when EventBridge is on. Each event names the object's key,
    size and the requester: the layer's object names, sent wherever these ARNs are."""
    found = {str(c.get(field)) for key, field, _, _ in NOTIFICATION_TARGETS for c in config.get(key) or []}
    return sorted(found | ({EVENTBRIDGE} if "EventBridgeConfiguration" in config else set()))


def declared_notification_targets(resource) -> list[str]:
    """The same from a declared aws:s3/bucketNotification:BucketNotification."""
    found = {str(c.get(field)) for _, _, key, field in NOTIFICATION_TARGETS for c in resource.get(key) or []}
    return sorted(found | ({EVENTBRIDGE} if resource.get("eventbridge") is True else set()))


def policy_terms(form) -> dict:
    """What a bucket policy (as policy_form below gives it: [effect, principals, actions,
    resources, conditions] per statement) demands besides whom it lets in: whether it refuses
    every request not made over TLS (a Deny on aws:SecureTransport false, GOV-TLS-001's), and on
    what terms each Allow lets its principals in (its actions and the condition keys that narrow
    it, such as aws:SourceAccount; values and principals are left out, the principals being
    compared apart and in the plan's terms). None: no policy, so nothing is demanded."""
    statements = [s for s in form or [] if isinstance(s, list) and len(s) == 5]
    return {"tls_required": any(effect == "Deny" and any(key.lower() == "aws:securetransport" and "false" in values
                                                         for _, key, values in conditions)
                                for effect, _, _, _, conditions in statements),
            "allow_terms": sorted({f"{','.join(actions)} if {','.join(sorted({k for _, k, _ in conditions})) or '-'}"
                                   for effect, _, actions, _, conditions in statements if effect == "Allow"})}


def _as_list(value) -> list:
    return [value] if isinstance(value, (str, int, bool)) else list(value or [])


def policy_form(policy) -> list | None:
    """A policy document as what it allows and denies, the same however it is written: each
    statement as [effect, principals, actions, resources, conditions], single values as
    lists, every list sorted, Sids dropped. None: no policy (for an endpoint, AWS's full
    access default)."""
    if not policy:
        return None
    try:
        document = json.loads(policy) if isinstance(policy, str) else policy
    except ValueError:
        return ["unreadable", str(policy)]
    statements = document.get("Statement") or []
    out = []
    for st in [statements] if isinstance(statements, dict) else statements:
        if not isinstance(st, dict):
            continue
        principal = st.get("Principal")
        if isinstance(principal, str) and principal != "*":
            principal = {"AWS": principal}  # as some writers (and emulators) leave an account bare
        principals = ["*"] if principal == "*" else sorted(
            f"{kind}:{v}" for kind, values in (principal or {}).items() for v in _as_list(values))
        conditions = sorted([op, key, sorted(str(v).lower() for v in _as_list(values))]
                            for op, entries in (st.get("Condition") or {}).items() for key, values in entries.items())
        out.append([st.get("Effect"), principals, sorted(_as_list(st.get("Action") or st.get("NotAction"))),
                    sorted(_as_list(st.get("Resource") or st.get("NotResource"))), conditions])
    return sorted(out, key=json.dumps)


def principals_of(form) -> list[str]:
    """Who a policy allows anything at all: `AWS:<arn>`, `Service:<name>`, or `*` (a policy that
    cannot be read: an empty list, so that any live principal differs)."""
    if form[:1] == ["unreadable"]:
        return []
    return sorted({"*" if p == "*" or p.endswith(":*") else p
                   for effect, principals, *_ in form if effect == "Allow" for p in principals})


def key_policy_props(policy) -> dict:
    """A key policy as both sides compare it, from one parse: whom it lets in, on what terms."""
    form = policy_form(policy) or []
    return {"principals": principals_of(form), "allow_terms": policy_terms(form)["allow_terms"]}


def bucket_policy_props(policy) -> dict:
    """A bucket policy as both sides compare it, from one parse: whom it lets in, whether it
    demands TLS, on what terms (no policy: nobody, nothing)."""
    form = policy_form(policy) or []
    return {"policy_principals": principals_of(form), **policy_terms(form)}
