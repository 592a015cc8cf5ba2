using Grpc.Core;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Hosting;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values.Codec;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>
/// The tfplugin6 Provider service: decodes requests, calls the provider's resources, checks the
/// answers against the client's rules and encodes them. RPCs run concurrently; all shared state
/// lives in <see cref="ProviderRuntime"/>.
/// </summary>
internal sealed partial class ProviderService(ProviderRuntime runtime) : Proto.Provider.ProviderBase
{
    public override Task<Proto.GetMetadata.Types.Response> GetMetadata(Proto.GetMetadata.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.GetMetadata.Types.Response { ServerCapabilities = ProviderRuntime.Capabilities };
        response.Resources.AddRange(runtime.Resources.Keys.Order(StringComparer.Ordinal)
            .Select(n => new Proto.GetMetadata.Types.ResourceMetadata { TypeName = n }));
        response.DataSources.AddRange(runtime.DataSources.Keys.Order(StringComparer.Ordinal)
            .Select(n => new Proto.GetMetadata.Types.DataSourceMetadata { TypeName = n }));
        response.Functions.AddRange(runtime.Functions.Keys.Order(StringComparer.Ordinal)
            .Select(n => new Proto.GetMetadata.Types.FunctionMetadata { Name = n }));
        return Task.FromResult(response);
    }

    public override Task<Proto.GetProviderSchema.Types.Response> GetProviderSchema(Proto.GetProviderSchema.Types.Request request, ServerCallContext context) =>
        Task.FromResult(runtime.SchemaResponse);

    public override Task<Proto.ValidateProviderConfig.Types.Response> ValidateProviderConfig(Proto.ValidateProviderConfig.Types.Request request, ServerCallContext context)
    {
        var diags = new DiagnosticBag();
        Guard(diags, "validating the provider configuration", () =>
        {
            var block = runtime.Provider.Schema.Block;
            var config = DynamicValues.Decode(request.Config, block.ImpliedType);
            ConfigValidation.Validate(block, config, diags);
            runtime.Provider.ValidateConfig(config, diags);
        });
        var response = new Proto.ValidateProviderConfig.Types.Response();
        response.Diagnostics.AddRange(diags.Select(ToProto.Diagnostic));
        return Task.FromResult(response);
    }

    public override async Task<Proto.ConfigureProvider.Types.Response> ConfigureProvider(Proto.ConfigureProvider.Types.Request request, ServerCallContext context)
    {
        var diags = new DiagnosticBag();
        await GuardAsync(diags, "configuring the provider", async () =>
        {
            var config = DynamicValues.Decode(request.Config, runtime.Provider.Schema.ImpliedType);
            using var cts = Linked(context);
            runtime.ProviderData = await runtime.Provider.ConfigureAsync(config, diags, cts.Token).ConfigureAwait(false);
            if (!diags.HasErrors)
            {
                foreach (var configurable in runtime.Resources.Values.Concat<object>(runtime.DataSources.Values).OfType<IConfigurable>())
                {
                    configurable.Configure(runtime.ProviderData, diags);
                }
            }
            runtime.Configured = true;
        }).ConfigureAwait(false);
        var response = new Proto.ConfigureProvider.Types.Response();
        response.Diagnostics.AddRange(diags.Select(ToProto.Diagnostic));
        return response;
    }

    public override Task<Proto.StopProvider.Types.Response> StopProvider(Proto.StopProvider.Types.Request request, ServerCallContext context)
    {
        PluginLog.Info("StopProvider: cancelling running operations");
        runtime.Stop();
        return Task.FromResult(new Proto.StopProvider.Types.Response());
    }

    public override Task<Proto.MoveResourceState.Types.Response> MoveResourceState(Proto.MoveResourceState.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.MoveResourceState.Types.Response();
        response.Diagnostics.Add(ToProto.Diagnostic(new Diagnostic(Severity.Error, "Moving resource state is not supported",
            $"{request.TargetTypeName} cannot take state from {request.SourceTypeName}. Use `import` instead.")));
        return Task.FromResult(response);
    }

    private CancellationTokenSource Linked(ServerCallContext context) =>
        CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, runtime.Stopping);

    /// <summary>Turns an exception into an error diagnostic; the stack goes to the log, never to stdout.</summary>
    private static void Guard(DiagnosticBag diags, string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            Report(diags, what, ex);
        }
    }

    private static async Task GuardAsync(DiagnosticBag diags, string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Report(diags, what, ex);
        }
    }

    /// <summary>
    /// Runs one call into provider code; a <see cref="DiagnosticException"/> becomes its error
    /// diagnostic in <paramref name="diags"/> (the call's own bag, so state it set survives).
    /// </summary>
    private static void Capture(DiagnosticBag diags, Action action)
    {
        try
        {
            action();
        }
        catch (DiagnosticException ex)
        {
            diags.Add(ex.ToDiagnostic());
        }
    }

    private static async Task CaptureAsync(DiagnosticBag diags, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (DiagnosticException ex)
        {
            diags.Add(ex.ToDiagnostic());
        }
    }

    private static void Report(DiagnosticBag diags, string what, Exception ex)
    {
        switch (ex)
        {
            case OperationCanceledException:
                diags.AddError("Operation cancelled", $"The provider was stopped while {what}.");
                break;
            case DiagnosticException known:
                diags.Add(known.ToDiagnostic());
                break;
            case ValueCodecException codec:
                diags.AddError("Invalid value from the client", $"While {what}: {codec.Message}");
                break;
            default:
                PluginLog.Error($"unexpected error while {what}", ("error", ex.ToString()));
                diags.AddError("Unexpected provider error", $"While {what}: {ex.Message}");
                break;
        }
    }

    private static T WithDiagnostics<T>(T response, Google.Protobuf.Collections.RepeatedField<Proto.Diagnostic> target, DiagnosticBag diags)
    {
        target.AddRange(diags.Select(ToProto.Diagnostic));
        return response;
    }
}
