"""Which AWS inputs hold a resource policy (a JSON document whose statements name who may act
on the resource), type by type, for GOV-DATA-004 (policies/rules/public_access.py). No rule is
registered here.

The list is not written from memory: tests/policies/test_resource_policies.py reads every
pulumi_aws resource module (as policies/encryption_inputs.py does) and fails when a type has an
input named like a policy (POLICY_NAME) that is neither judged here (JUDGED) nor set aside with
the reason its document is not one that lets another account in (SET_ASIDE). A new provider
version that adds such a type stops the pack's tests until someone decides.
"""
from __future__ import annotations

import re

#: an input named like a policy document (snake_case, as the Python SDK spells it)
POLICY_NAME = re.compile(r"^(?:policy|access_policy|access_policies|policy_document|resource_policy|"
                         r"assume_role_policy|policy_text|auth_policy|inline_policy|[a-z0-9_]*_policy_document)$")

#: type -> the input holding its resource policy (camelCase, as the engine and Analyzer see it)
JUDGED = {
    "aws:s3/bucket:Bucket": "policy", "aws:s3/bucketV2:BucketV2": "policy",
    "aws:s3/bucketPolicy:BucketPolicy": "policy", "aws:s3/accessPoint:AccessPoint": "policy",
    "aws:s3control/accessPointPolicy:AccessPointPolicy": "policy",
    "aws:s3control/bucketPolicy:BucketPolicy": "policy",
    "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy": "policy",
    "aws:s3control/accessGrantsInstanceResourcePolicy:AccessGrantsInstanceResourcePolicy": "policy",
    "aws:s3/filesFileSystemPolicy:FilesFileSystemPolicy": "policy",
    "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy": "policy",
    "aws:s3tables/tableBucketPolicy:TableBucketPolicy": "resourcePolicy",
    "aws:s3tables/tablePolicy:TablePolicy": "resourcePolicy",
    "aws:sqs/queue:Queue": "policy", "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:sns/topic:Topic": "policy", "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy", "aws:ecr/registryPolicy:RegistryPolicy": "policy",
    "aws:ecrpublic/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:secretsmanager/secret:Secret": "policy", "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
    "aws:kms/key:Key": "policy", "aws:kms/keyPolicy:KeyPolicy": "policy",
    "aws:kms/externalKey:ExternalKey": "policy", "aws:kms/replicaKey:ReplicaKey": "policy",
    "aws:kms/replicaExternalKey:ReplicaExternalKey": "policy",
    "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
    "aws:glacier/vault:Vault": "accessPolicy", "aws:glacier/vaultLock:VaultLock": "policy",
    "aws:opensearch/domain:Domain": "accessPolicies", "aws:opensearch/domainPolicy:DomainPolicy": "accessPolicies",
    "aws:elasticsearch/domain:Domain": "accessPolicies",
    "aws:elasticsearch/domainPolicy:DomainPolicy": "accessPolicies",
    "aws:opensearchingest/resourcePolicy:ResourcePolicy": "policy",
    "aws:cloudsearch/domainServiceAccessPolicy:DomainServiceAccessPolicy": "accessPolicy",
    "aws:backup/vaultPolicy:VaultPolicy": "policy", "aws:cloudwatch/eventBusPolicy:EventBusPolicy": "policy",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
    "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy": "accessPolicy",
    "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy", "aws:kinesis/resourcePolicy:ResourcePolicy": "policy",
    "aws:glue/resourcePolicy:ResourcePolicy": "policy",
    "aws:lambda/resourcePolicy:ResourcePolicy": "policy",
    "aws:dsql/clusterPolicy:ClusterPolicy": "policy", "aws:msk/clusterPolicy:ClusterPolicy": "policy",
    "aws:redshift/resourcePolicy:ResourcePolicy": "policy",
    "aws:redshiftserverless/resourcePolicy:ResourcePolicy": "policy",
    "aws:codeartifact/domainPermissions:DomainPermissions": "policyDocument",
    "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": "policyDocument",
    "aws:codebuild/resourcePolicy:ResourcePolicy": "policy",
    "aws:mediastore/containerPolicy:ContainerPolicy": "policy",
    "aws:networkfirewall/resourcePolicy:ResourcePolicy": "policy",
    "aws:oam/sinkPolicy:SinkPolicy": "policy",
    "aws:acmpca/policy:Policy": "policy",
    "aws:amp/resourcePolicy:ResourcePolicy": "policyDocument",
    "aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy": "policy",
    "aws:pinpoint/smsvoicev2ResourcePolicy:Smsvoicev2ResourcePolicy": "policy",
    "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy": "resourcePolicy",
    "aws:schemas/registryPolicy:RegistryPolicy": "policy",
    "aws:ses/identityPolicy:IdentityPolicy": "policy",
    "aws:sesv2/emailIdentityPolicy:EmailIdentityPolicy": "policy",
    "aws:vpclattice/resourcePolicy:ResourcePolicy": "policy",
    "aws:xray/resourcePolicy:ResourcePolicy": "policyDocument",
    # a role's trust policy: Principal {"AWS": "*"} lets any AWS account's users assume it
    "aws:iam/role:Role": "assumeRolePolicy",
}

#: types with an input named like a policy whose document is not a resource policy naming who may
#: come in from another account, and why
SET_ASIDE = {
    "aws:iam/policy:Policy": "an identity policy: no Principal (what its holders may do)",
    "aws:iam/rolePolicy:RolePolicy": "an identity policy: no Principal",
    "aws:iam/userPolicy:UserPolicy": "an identity policy: no Principal",
    "aws:iam/groupPolicy:GroupPolicy": "an identity policy: no Principal",
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": "an identity policy: no Principal",
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": "a session policy narrowing a role",
    "aws:transfer/user:User": "a session policy narrowing a role", "aws:transfer/access:Access": "a session policy",
    "aws:iot/policy:Policy": "an IoT policy: no Principal (attached to certificates)",
    "aws:iot/policyAttachment:PolicyAttachment": "names a policy, holds none",
    # endpoint and service-network policies say what may pass through a path inside the
    # layer, where Principal "*" is how they are written: GOV-ISO-002 judges an endpoint's
    "aws:ec2/vpcEndpoint:VpcEndpoint": "an endpoint policy (GOV-ISO-002)",
    "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": "an endpoint policy (GOV-ISO-002)",
    "aws:vpclattice/authPolicy:AuthPolicy": "an auth policy over callers that already reach the service network",
    # a private API's policy is written Allow "*" + Deny unless aws:SourceVpce (API Gateway
    # Developer Guide, private API examples); a public API is GOV-ISO-001's in a closed layer
    "aws:apigateway/restApi:RestApi": "an API's policy (the endpoint type decides who reaches it: GOV-ISO-001)",
    "aws:apigateway/restApiPolicy:RestApiPolicy": "an API's policy (GOV-ISO-001)",
    "aws:apigateway/domainName:DomainName": "a private custom domain's execute-api policy (GOV-ISO-001)",
    "aws:sns/dataProtectionPolicy:DataProtectionPolicy": "a data-protection policy (audit and masking rules)",
    "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy": "a data-protection policy",
    "aws:cloudwatch/logAccountPolicy:LogAccountPolicy": "an account setting (data protection, subscription)",
    "aws:cloudwatch/logIndexPolicy:LogIndexPolicy": "field indexes of a log group",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": "image expiry rules",
    "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy": "a data access policy naming principals "
                                                                    "by ARN (no wildcard principal)",
    "aws:opensearch/serverlessLifecyclePolicy:ServerlessLifecyclePolicy": "retention rules",
    "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy": "encryption and network settings "
                                                                        "(GOV-ISO-001, GOV-ENC-007)",
    "aws:ses/receiptFilter:ReceiptFilter": "Block or Allow for an IP range, not a document",
    "aws:cfg/organizationCustomPolicyRule:OrganizationCustomPolicyRule": "a Guard rule",
    "aws:resiliencehub/resiliencyPolicy:ResiliencyPolicy": "recovery objectives",
    "aws:networkmanager/coreNetwork:CoreNetwork": "a core network's segments and routes",
    "aws:networkmanager/coreNetworkPolicyAttachment:CoreNetworkPolicyAttachment": "a core network's segments",
    "aws:verifiedaccess/endpoint:Endpoint": "a Cedar policy over users already authenticated",
    "aws:verifiedaccess/group:Group": "a Cedar policy over users already authenticated",
    "aws:odb/network:Network": "Oracle Database@AWS endpoint policies for the ODB network's own access",
    "aws:acmpca/permission:Permission": "names a service principal, not a document",
    "aws:lambda/layerVersionPermission:LayerVersionPermission": "an output; `principal` is judged "
                                                                "(public_access.py)",
}
