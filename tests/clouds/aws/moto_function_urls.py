"""Lambda's ListFunctionUrlConfigs for moto's server, which answers "Not yet implemented".

Lambda API Reference, ListFunctionUrlConfigs: `GET /2021-10-31/functions/FunctionName/urls`,
"Returns a list of Lambda function URLs for the specified function", answered as
`{"FunctionUrlConfigs": [FunctionUrlConfig], "NextMarker"}` (FunctionUrlConfig: `FunctionUrl`,
`FunctionArn`, `AuthType`, `Cors`, `CreationTime`, `LastModifiedTime`, `InvokeMode`). moto keeps
one URL configuration per function (CreateFunctionUrlConfig without a qualifier), so the list
has that one or none. The route is added before the server builds Lambda's application."""
from __future__ import annotations

import json
from urllib.parse import unquote

from moto.awslambda import urls
from moto.awslambda.responses import LambdaResponse

urls.url_paths[r"{0}/(?P<api_version>[^/]+)/functions/(?P<function_name>[\w_:%-]+)/urls/?$"] = \
    LambdaResponse.dispatch


def list_function_url_configs(self):
    function = self.backend.get_function(unquote(self.path.split("/")[-2]), None)
    configs = [function.url_config.to_dict()] if function.url_config else []
    return 200, {"status": 200}, json.dumps({"FunctionUrlConfigs": configs})


LambdaResponse.list_function_url_configs = list_function_url_configs
