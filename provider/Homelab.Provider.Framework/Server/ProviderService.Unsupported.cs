using Grpc.Core;
using Homelab.Provider.Framework.Diagnostics;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>Protocol features this provider declares none of: answer with a clear diagnostic.</summary>
internal sealed partial class ProviderService
{
    public override Task<Proto.ValidateEphemeralResourceConfig.Types.Response> ValidateEphemeralResourceConfig(Proto.ValidateEphemeralResourceConfig.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.ValidateEphemeralResourceConfig.Types.Response();
        response.Diagnostics.Add(Unknown("ephemeral resource", request.TypeName));
        return Task.FromResult(response);
    }

    public override Task<Proto.OpenEphemeralResource.Types.Response> OpenEphemeralResource(Proto.OpenEphemeralResource.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.OpenEphemeralResource.Types.Response();
        response.Diagnostics.Add(Unknown("ephemeral resource", request.TypeName));
        return Task.FromResult(response);
    }

    public override Task<Proto.RenewEphemeralResource.Types.Response> RenewEphemeralResource(Proto.RenewEphemeralResource.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.RenewEphemeralResource.Types.Response();
        response.Diagnostics.Add(Unknown("ephemeral resource", request.TypeName));
        return Task.FromResult(response);
    }

    public override Task<Proto.CloseEphemeralResource.Types.Response> CloseEphemeralResource(Proto.CloseEphemeralResource.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.CloseEphemeralResource.Types.Response();
        response.Diagnostics.Add(Unknown("ephemeral resource", request.TypeName));
        return Task.FromResult(response);
    }

    internal static Proto.Diagnostic Unknown(string kind, string typeName) => ToProto.Diagnostic(new Diagnostic(
        Severity.Error,
        $"Unknown {kind} type",
        $"This provider has no {kind} \"{typeName}\". Check the spelling, and that the provider version in use supports it."));
}
