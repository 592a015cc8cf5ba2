using Grpc.Core;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Hosting;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>Provider-defined functions: GetFunctions and CallFunction (protocol 6.5+).</summary>
internal sealed partial class ProviderService
{
    public override Task<Proto.GetFunctions.Types.Response> GetFunctions(Proto.GetFunctions.Types.Request request, ServerCallContext context)
    {
        var response = new Proto.GetFunctions.Types.Response();
        foreach (var (name, function) in runtime.Functions)
        {
            response.Functions.Add(name, ToProto.Function(function.Definition));
        }
        return Task.FromResult(response);
    }

    public override Task<Proto.CallFunction.Types.Response> CallFunction(Proto.CallFunction.Types.Request request, ServerCallContext context) =>
        Task.FromResult(Call(runtime, request));

    /// <summary>Decodes the arguments against the signature, calls the function, encodes the result or the error.</summary>
    internal static Proto.CallFunction.Types.Response Call(ProviderRuntime runtime, Proto.CallFunction.Types.Request request)
    {
        if (!runtime.Functions.TryGetValue(request.Name, out var function))
        {
            return Error($"This provider has no function named \"{request.Name}\". Check the spelling, and that the provider version in use has it.", null);
        }
        var definition = function.Definition;
        var count = request.Arguments.Count;
        if (count < definition.Parameters.Count || (definition.Variadic is null && count > definition.Parameters.Count))
        {
            return Error($"{function.Name} takes {definition.Parameters.Count} argument(s){(definition.Variadic is null ? "" : " or more")}, not {count}.", null);
        }
        var arguments = new TfValue[count];
        for (var i = 0; i < count; i++)
        {
            var parameter = i < definition.Parameters.Count ? definition.Parameters[i] : definition.Variadic!;
            TfValue value;
            try
            {
                value = DynamicValues.Decode(request.Arguments[i], parameter.Type);
            }
            catch (Exception ex) when (ex is ValueCodecException or InvalidOperationException or FormatException)
            {
                return Error($"Argument {parameter.Name} does not decode as {parameter.Type}: {ex.Message}", i);
            }
            if (!value.IsWhollyKnown)
            {
                // Clients resolve unknown arguments themselves unless a parameter allows them; be safe anyway.
                return new Proto.CallFunction.Types.Response { Result = DynamicValues.Encode(TfValue.Unknown(definition.Return), definition.Return) };
            }
            if (value.IsNull && !parameter.AllowNull)
            {
                return Error($"Argument {parameter.Name} must not be null.", i);
            }
            arguments[i] = value;
        }
        try
        {
            var result = function.Call(arguments);
            return new Proto.CallFunction.Types.Response { Result = DynamicValues.Encode(result, definition.Return) };
        }
        catch (FunctionException ex)
        {
            return Error(ex.Message, ex.Argument);
        }
        catch (Exception ex)
        {
            PluginLog.Error($"function {function.Name} failed: {ex}");
            return Error($"Unexpected provider error in {function.Name}: {ex.Message}. This is a bug in the provider.", null);
        }
    }

    private static Proto.CallFunction.Types.Response Error(string text, int? argument)
    {
        var error = new Proto.FunctionError { Text = text };
        if (argument is { } index)
        {
            error.FunctionArgument = index;
        }
        return new Proto.CallFunction.Types.Response { Error = error };
    }
}
