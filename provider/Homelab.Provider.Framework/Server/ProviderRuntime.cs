using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>
/// Per-process provider state shared by all RPCs: the provider, its resources by name, the
/// prebuilt schema response, the configured provider data and the StopProvider signal.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "One per process, alive until it exits; a CancellationTokenSource without timer or wait handle holds nothing to release, and disposing it could make a late StopProvider throw.")]
internal sealed class ProviderRuntime
{
    private readonly Lazy<Proto.GetProviderSchema.Types.Response> _schema;
    private readonly Lazy<Proto.GetResourceIdentitySchemas.Types.Response> _identitySchemas;
    private readonly CancellationTokenSource _stop = new();

    public ProviderRuntime(IProvider provider)
    {
        Provider = provider;
        Resources = provider.Resources.ToDictionary(r => r.TypeName, StringComparer.Ordinal);
        DataSources = provider.DataSources.ToDictionary(d => d.TypeName, StringComparer.Ordinal);
        Functions = provider.Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _schema = new Lazy<Proto.GetProviderSchema.Types.Response>(BuildSchema, LazyThreadSafetyMode.ExecutionAndPublication);
        _identitySchemas = new Lazy<Proto.GetResourceIdentitySchemas.Types.Response>(BuildIdentitySchemas, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IProvider Provider { get; }

    public Dictionary<string, IResource> Resources { get; }

    public Dictionary<string, IDataSource> DataSources { get; }

    public Dictionary<string, IFunction> Functions { get; }

    /// <summary>Set once by ConfigureProvider; read by every lifecycle call.</summary>
    public object? ProviderData { get; set; }

    public bool Configured { get; set; }

    public CancellationToken Stopping => _stop.Token;

    public Proto.GetProviderSchema.Types.Response SchemaResponse => _schema.Value;

    /// <summary>The identity schemas of the resources that declare one (<see cref="IResourceIdentity"/>).</summary>
    public Proto.GetResourceIdentitySchemas.Types.Response IdentitySchemasResponse => _identitySchemas.Value;

    public static Proto.ServerCapabilities Capabilities => new()
    {
        PlanDestroy = true,
        GetProviderSchemaOptional = true,
    };

    /// <summary>Builds the schema response off the handshake path, right after the server listens.</summary>
    public void WarmUp() => ThreadPool.UnsafeQueueUserWorkItem(static r => _ = r._schema.Value, this, preferLocal: false);

    public void Stop() => _stop.Cancel();

    private Proto.GetProviderSchema.Types.Response BuildSchema()
    {
        var response = new Proto.GetProviderSchema.Types.Response
        {
            Provider = ToProto.Schema(Provider.Schema),
            ServerCapabilities = Capabilities,
        };
        foreach (var problem in SchemaRules.Check(Provider))
        {
            response.Diagnostics.Add(ToProto.Diagnostic(new Diagnostic(Severity.Error, "Invalid provider schema",
                $"{problem} This is a bug in the provider.")));
        }
        foreach (var r in Provider.Resources)
        {
            response.ResourceSchemas.Add(r.TypeName, ToProto.Schema(r.Schema));
        }
        foreach (var d in Provider.DataSources)
        {
            response.DataSourceSchemas.Add(d.TypeName, ToProto.Schema(d.Schema));
        }
        foreach (var f in Provider.Functions)
        {
            response.Functions.Add(f.Name, ToProto.Function(f.Definition));
        }
        return response;
    }

    private Proto.GetResourceIdentitySchemas.Types.Response BuildIdentitySchemas()
    {
        var response = new Proto.GetResourceIdentitySchemas.Types.Response();
        foreach (var r in Provider.Resources)
        {
            if (r is IResourceIdentity identity)
            {
                response.IdentitySchemas.Add(r.TypeName, ToProto.IdentitySchema(identity.IdentitySchema));
            }
        }
        return response;
    }
}
