using Grpc.Core;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Resources;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>Data source RPCs.</summary>
internal sealed partial class ProviderService
{
    public override Task<Proto.ValidateDataResourceConfig.Types.Response> ValidateDataResourceConfig(Proto.ValidateDataResourceConfig.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.ValidateDataResourceConfig.Types.Response();
        if (!runtime.DataSources.TryGetValue(request.TypeName, out var source))
        {
            response.Diagnostics.Add(Unknown("data source", request.TypeName));
            return Task.FromResult(response);
        }
        var diags = new DiagnosticBag();
        Guard(diags, $"validating data source {request.TypeName}", () =>
        {
            var config = DynamicValues.Decode(request.Config, source.Schema.ImpliedType);
            ConfigValidation.Validate(source.Schema.Block, config, diags);
            source.ValidateConfig(config, diags);
        });
        return Task.FromResult(WithDiagnostics(response, response.Diagnostics, diags));
    }

    public override async Task<Proto.ReadDataSource.Types.Response> ReadDataSource(Proto.ReadDataSource.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.ReadDataSource.Types.Response();
        if (!runtime.DataSources.TryGetValue(request.TypeName, out var source))
        {
            response.Diagnostics.Add(Unknown("data source", request.TypeName));
            return response;
        }
        var diags = new DiagnosticBag();
        await GuardAsync(diags, $"reading data source {request.TypeName}", async () =>
        {
            var type = source.Schema.ImpliedType;
            var config = DynamicValues.Decode(request.Config, type);
            using var cts = Linked(context);
            var answer = new DataSourceResponse();
            await CaptureAsync(answer.Diagnostics, () => source.ReadAsync(new DataSourceReadRequest(config, runtime.ProviderData), answer, cts.Token)).ConfigureAwait(false);
            diags.AddRange(answer.Diagnostics);
            if (answer.State is { } state && !diags.HasErrors)
            {
                PlanChecker.CheckRead(source.Schema.Block, state, diags);
                response.State = DynamicValues.Encode(state, type);
            }
        }).ConfigureAwait(false);
        return WithDiagnostics(response, response.Diagnostics, diags);
    }
}
