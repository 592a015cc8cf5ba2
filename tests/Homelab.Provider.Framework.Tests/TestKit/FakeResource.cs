using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Tests.TestKit;

/// <summary>
/// <c>test_thing</c>: a resource whose every lifecycle call is a replaceable delegate. The defaults
/// behave like a well-written resource: create fills in id and etag, update a new etag, read
/// returns the state unchanged.
/// </summary>
internal sealed class FakeResource : IResource, IModifyPlan, IUpgradeState
{
    public static readonly Block Block = new()
    {
        Attributes =
        [
            new SchemaAttribute("id", TfType.String, "") { Computed = true, UseStateForUnknown = true },
            new SchemaAttribute("name", TfType.String, "") { Required = true, RequiresReplace = true },
            new SchemaAttribute("size", TfType.Number, "") { Optional = true },
            new SchemaAttribute("etag", TfType.String, "") { Computed = true },
            new SchemaAttribute("password", TfType.String, "") { Optional = true, WriteOnly = true },
        ],
    };

    public static TfType Type => Block.ImpliedType;

    public string TypeName => "test_thing";

    public ResourceSchema Schema { get; init; } = new(1, Block);

    public IReadOnlyDictionary<long, StateUpgrader> StateUpgraders { get; init; } = new Dictionary<long, StateUpgrader>();

    public Func<CreateRequest, ResourceResponse, CancellationToken, Task> OnCreate { get; init; } = (request, response, _) =>
    {
        response.State = request.Planned.With("id", TfValue.String("i-1")).With("etag", TfValue.String("e1"));
        return Task.CompletedTask;
    };

    public Func<UpdateRequest, ResourceResponse, CancellationToken, Task> OnUpdate { get; init; } = (request, response, _) =>
    {
        response.State = request.Planned.With("etag", TfValue.String("e2"));
        return Task.CompletedTask;
    };

    public Func<ReadRequest, ResourceResponse, CancellationToken, Task> OnRead { get; init; } = (request, response, _) =>
    {
        response.State = request.State;
        return Task.CompletedTask;
    };

    public Func<DeleteRequest, ResourceResponse, CancellationToken, Task> OnDelete { get; init; } = (_, _, _) => Task.CompletedTask;

    public Func<ModifyPlanRequest, ModifyPlanResponse, CancellationToken, Task> OnModifyPlan { get; init; } = (_, _, _) => Task.CompletedTask;

    /// <summary>Names of the lifecycle calls made, in order.</summary>
    public List<string> Calls { get; } = [];

    public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        Record("create", () => OnCreate(request, response, cancellationToken));

    public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        Record("read", () => OnRead(request, response, cancellationToken));

    public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        Record("update", () => OnUpdate(request, response, cancellationToken));

    public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        Record("delete", () => OnDelete(request, response, cancellationToken));

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken) =>
        Record("modify-plan", () => OnModifyPlan(request, response, cancellationToken));

    private Task Record(string call, Func<Task> action)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }
        return action();
    }
}
