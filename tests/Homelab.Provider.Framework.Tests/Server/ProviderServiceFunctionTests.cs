using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Tests.Server;

/// <summary>Provider-defined functions: discovery in the three schema RPCs and CallFunction's argument rules, in process.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ProviderServiceFunctionTests
{
    private static readonly FakeServerCallContext Context = new();

    [Fact]
    public async Task Functions_are_listed_in_metadata_the_provider_schema_and_get_functions_with_types_and_markdown()
    {
        var service = Service();

        var metadata = await service.GetMetadata(new Proto.GetMetadata.Types.Request(), Context);
        var schema = await service.GetProviderSchema(new Proto.GetProviderSchema.Types.Request(), Context);
        var functions = await service.GetFunctions(new Proto.GetFunctions.Types.Request(), Context);

        Assert.Equal(["join_repeated"], metadata.Functions.Select(f => f.Name));
        foreach (var f in new[] { schema.Functions["join_repeated"], functions.Functions["join_repeated"] })
        {
            Assert.Equal("Repeats and joins", f.Summary);
            Assert.Equal(Proto.StringKind.Markdown, f.DescriptionKind);
            Assert.Equal(["text", "count"], f.Parameters.Select(p => p.Name));
            Assert.Equal("\"string\"", f.Parameters[0].Type.ToStringUtf8());
            Assert.Equal("\"number\"", f.Parameters[1].Type.ToStringUtf8());
            Assert.True(f.Parameters[0].AllowNullValue);
            Assert.Equal("separators", f.VariadicParameter.Name);
            Assert.Equal("\"string\"", f.Return.Type.ToStringUtf8());
        }
        Assert.Empty(schema.Diagnostics);
    }

    [Fact]
    public async Task A_call_decodes_the_arguments_and_encodes_the_result()
    {
        var response = await Call("join_repeated", TfValue.String("ab"), TfValue.Number(3), TfValue.String("-"), TfValue.String("+"));

        Assert.Null(response.Error);
        Assert.Equal(TfValue.String("ab-+ab-+ab"), Wire.Decode(response.Result, TfType.String));
    }

    [Fact]
    public async Task A_function_error_names_the_argument_it_concerns()
    {
        var response = await Call("join_repeated", TfValue.String("ab"), TfValue.Number(-1));

        Assert.Equal("count must not be negative.", response.Error.Text);
        Assert.Equal(1, response.Error.FunctionArgument);
    }

    [Fact]
    public async Task Null_is_refused_where_the_parameter_does_not_allow_it_and_passed_where_it_does()
    {
        var refused = await Call("join_repeated", TfValue.String("ab"), TfValue.Null(TfType.Number));
        var allowed = await Call("join_repeated", TfValue.Null(TfType.String), TfValue.Number(2));

        Assert.Equal("Argument count must not be null.", refused.Error.Text);
        Assert.Equal(1, refused.Error.FunctionArgument);
        Assert.Null(allowed.Error);
        Assert.Equal(TfValue.String(""), Wire.Decode(allowed.Result, TfType.String));
    }

    [Fact]
    public async Task Unknown_arguments_give_an_unknown_result_without_calling_the_function()
    {
        var function = new JoinRepeated();
        var response = await Service(function).CallFunction(Request("join_repeated", TfValue.Unknown(TfType.String), TfValue.Number(2)), Context);

        Assert.Null(response.Error);
        Assert.True(Wire.Decode(response.Result, TfType.String).IsUnknown);
        Assert.Equal(0, function.Calls);
    }

    [Theory]
    [InlineData(1, "join_repeated takes 2 argument(s) or more, not 1.")]
    [InlineData(0, "join_repeated takes 2 argument(s) or more, not 0.")]
    public async Task A_wrong_argument_count_is_an_error_not_a_crash(int count, string message)
    {
        var args = new[] { TfValue.String("a"), TfValue.Number(1) }.Take(count).ToArray();

        var response = await Call("join_repeated", args);

        Assert.Equal(message, response.Error.Text);
        Assert.False(response.Error.HasFunctionArgument);
    }

    [Fact]
    public async Task An_unknown_function_name_and_a_bug_in_a_function_are_errors_with_a_clear_text()
    {
        var missing = await Call("nope");
        var bug = await Call("join_repeated", TfValue.String("x"), TfValue.Number(1000));

        Assert.Contains("no function named \"nope\"", missing.Error.Text, StringComparison.Ordinal);
        Assert.Contains("This is a bug in the provider.", bug.Error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_rules_refuse_a_bad_function_name_a_duplicate_parameter_and_a_missing_summary()
    {
        var provider = new FakeProvider { Functions = [new Named("Bad-Name", "", ["a", "a"])] };

        var problems = SchemaRules.Check(provider);

        Assert.Contains(problems, p => p.Contains("function Bad-Name: the name must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("a summary is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("parameter \"a\" must be a unique", StringComparison.Ordinal));
        Assert.Empty(SchemaRules.Check(new FakeProvider { Functions = [new JoinRepeated()] }));
    }

    private static ProviderService Service(IFunction? function = null) =>
        new(new ProviderRuntime(new FakeProvider { Functions = [function ?? new JoinRepeated()] }));

    private static Task<Proto.CallFunction.Types.Response> Call(string name, params TfValue[] args) =>
        Service().CallFunction(Request(name, args), Context);

    private static Proto.CallFunction.Types.Request Request(string name, params TfValue[] args)
    {
        var request = new Proto.CallFunction.Types.Request { Name = name };
        request.Arguments.AddRange(args.Select(a => Wire.Dv(a, a.Type)));
        return request;
    }

    /// <summary>join_repeated(text, count, separators...): text repeated count times, joined by the separators concatenated.</summary>
    private sealed class JoinRepeated : IFunction
    {
        public int Calls { get; private set; }

        public string Name => "join_repeated";

        public FunctionDefinition Definition { get; } = new("Repeats and joins", "Repeats `text`.",
            [new FunctionParameter("text", TfType.String, "Text.") { AllowNull = true }, new FunctionParameter("count", TfType.Number, "Times.")],
            TfType.String)
        { Variadic = new FunctionParameter("separators", TfType.String, "Joined between repetitions.") };

        public TfValue Call(IReadOnlyList<TfValue> arguments)
        {
            Calls++;
            var count = (int)arguments[1].AsNumber().ToDouble();
            if (count < 0)
            {
                throw new FunctionException("count must not be negative.", 1);
            }
            if (count > 100)
            {
                throw new InvalidOperationException("too many");
            }
            var text = arguments[0].IsNull ? "" : arguments[0].AsString();
            var separator = string.Concat(arguments.Skip(2).Select(a => a.AsString()));
            return TfValue.String(string.Join(separator, Enumerable.Repeat(text, count)));
        }
    }

    private sealed class Named(string name, string summary, string[] parameters) : IFunction
    {
        public string Name => name;

        public FunctionDefinition Definition { get; } = new(summary, "", [.. parameters.Select(p => new FunctionParameter(p, TfType.String, ""))], TfType.String);

        public TfValue Call(IReadOnlyList<TfValue> arguments) => arguments[0];
    }
}
