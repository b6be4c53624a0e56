"""AWS resources that name a place abroad in an input no rule was written for: a copy rule's
target region, a snapshot copy's destination, a task's destination location, a trail's or an
export's key (the key lives where the data it encrypts is written), a stream's or a
function's destination; and compliant twins in Osaka (GOV-REG-003 by property,
policies/rules/places.py; session 20's held-out probe). Built with the real SDK classes."""
import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT, ROLE

KEY_US = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_OSAKA = KEY_US.replace("us-east-1", "ap-northeast-3")
LOCATION = f"arn:aws:datasync:ap-northeast-1:{ACCOUNT}:location/loc-0123456789abcdef0"


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    def lifecycle(n, target, cmk):
        # pulumi_aws dlm: "target - The target Region or the ARN of the target Outpost for the snapshot copies"
        return aws.dlm.LifecyclePolicy(n, description="daily", execution_role_arn=ROLE, state="ENABLED", policy_details={
            "resource_types": ["VOLUME"], "target_tags": {"Backup": "daily"}, "schedules": [{
                "name": "daily", "create_rule": {"interval": 24}, "retain_rule": {"count": 7},
                "cross_region_copy_rules": [{"target": target, "encrypted": True, "cmk_arn": cmk,
                                             "retain_rule": {"interval": 7, "interval_unit": "DAYS"}}]}]},
            tags=tags(n), opts=opts)

    def trail(n, trail_key):
        return aws.cloudtrail.Trail(n, s3_bucket_name="minato-trail", kms_key_id=trail_key,
                                    enable_log_file_validation=True, tags=tags(n), opts=opts)
    return [
        ("p-snapshot-copies-osaka", set(), lambda n: lifecycle(n, "ap-northeast-3", KEY_OSAKA)),
        ("p-snapshot-copies-abroad", {"GOV-REG-003"}, lambda n: lifecycle(n, "us-west-2", KEY_US.replace(
            "us-east-1", "us-west-2"))),
        # pulumi_aws redshift.SnapshotCopy: "destination_region - AWS Region to copy snapshots to"
        ("p-warehouse-snapshots-abroad", {"GOV-REG-003"}, lambda n: aws.redshift.SnapshotCopy(
            n, cluster_identifier="minato-dwh", destination_region="us-east-1", opts=opts)),
        ("p-transfer-osaka", set(), lambda n: aws.datasync.Task(
            n, source_location_arn=LOCATION, destination_location_arn=LOCATION.replace("ap-northeast-1", "ap-northeast-3"),
            tags=tags(n), opts=opts)),
        ("p-transfer-abroad", {"GOV-REG-003"}, lambda n: aws.datasync.Task(
            n, source_location_arn=LOCATION, destination_location_arn=LOCATION.replace("ap-northeast-1", "us-east-1"),
            tags=tags(n), opts=opts)),
        ("p-trail-key-abroad", {"GOV-REG-003"}, lambda n: trail(n, KEY_US)),
        ("p-trail", set(), lambda n: trail(n, key)),
        ("p-table-export-abroad", {"GOV-REG-003"}, lambda n: aws.dynamodb.TableExport(
            n, table_arn=f"arn:aws:dynamodb:ap-northeast-1:{ACCOUNT}:table/minato-app", s3_bucket="minato-export",
            s3_sse_algorithm="KMS", s3_sse_kms_key_id=KEY_US, opts=opts)),
        ("p-metric-stream-abroad", {"GOV-REG-003"}, lambda n: aws.cloudwatch.MetricStream(
            n, role_arn=ROLE, firehose_arn=f"arn:aws:firehose:us-east-1:{ACCOUNT}:deliverystream/metrics",
            output_format="json", tags=tags(n), opts=opts)),
        ("p-function-destination-abroad", {"GOV-REG-003"}, lambda n: aws.lambda_.FunctionEventInvokeConfig(
            n, function_name="minato-app", destination_config={"on_failure": {
                "destination": f"arn:aws:sqs:us-east-1:{ACCOUNT}:failures"}}, opts=opts)),
        ("p-run-command-output-abroad", {"GOV-REG-003"}, lambda n: aws.ssm.Association(
            n, name="AWS-RunShellScript", targets=[{"key": "tag:Layer", "values": ["lgwan"]}],
            output_location={"s3_bucket_name": "minato-ssm", "s3_region": "us-east-1"}, tags=tags(n), opts=opts)),
        # Route 53 checkers run from regions worldwide and keep nothing: not a place the data goes
        ("p-health-check", set(), lambda n: aws.route53.HealthCheck(
            n, type="HTTPS", fqdn="www.city.minato.tokyo.jp", port=443, resource_path="/", failure_threshold=3,
            request_interval=30, regions=["ap-northeast-1", "us-east-1", "eu-west-1"], tags=tags(n), opts=opts)),
    ]
