using Google.Protobuf;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Schema;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Server;

/// <summary>Framework model → protocol messages. With <see cref="DynamicValues"/>, the only place that knows generated types.</summary>
internal static class ToProto
{
    public static Proto.Schema Schema(ResourceSchema schema) => new()
    {
        Version = schema.Version,
        Block = Block(schema.Block, schema.Version),
    };

    /// <summary>Attributes in name order, like a schema's, so the answer is byte-stable.</summary>
    public static Proto.ResourceIdentitySchema IdentitySchema(Resources.IdentitySchema schema)
    {
        var result = new Proto.ResourceIdentitySchema { Version = schema.Version };
        result.IdentityAttributes.AddRange(schema.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new Proto.ResourceIdentitySchema.Types.IdentityAttribute
        {
            Name = a.Name,
            Type = ByteString.CopyFromUtf8(a.Type.ToString()),
            RequiredForImport = a.RequiredForImport,
            OptionalForImport = a.OptionalForImport,
            Description = a.Description,
        }));
        return result;
    }

    private static Proto.Schema.Types.Block Block(Block block, long version)
    {
        var result = new Proto.Schema.Types.Block
        {
            Version = version,
            Description = block.Description,
            DescriptionKind = Proto.StringKind.Markdown,
            Deprecated = block.Deprecated,
        };
        result.Attributes.AddRange(block.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(Attribute));
        result.BlockTypes.AddRange(block.Blocks.OrderBy(b => b.TypeName, StringComparer.Ordinal).Select(b => new Proto.Schema.Types.NestedBlock
        {
            TypeName = b.TypeName,
            Block = Block(b.Block, version),
            Nesting = b.Nesting switch
            {
                NestingMode.Single => Proto.Schema.Types.NestedBlock.Types.NestingMode.Single,
                NestingMode.List => Proto.Schema.Types.NestedBlock.Types.NestingMode.List,
                NestingMode.Set => Proto.Schema.Types.NestedBlock.Types.NestingMode.Set,
                NestingMode.Map => Proto.Schema.Types.NestedBlock.Types.NestingMode.Map,
                _ => Proto.Schema.Types.NestedBlock.Types.NestingMode.Group,
            },
            MinItems = b.MinItems,
            MaxItems = b.MaxItems,
        }));
        return result;
    }

    private static Proto.Schema.Types.Attribute Attribute(SchemaAttribute a)
    {
        var result = new Proto.Schema.Types.Attribute
        {
            Name = a.Name,
            Description = DescribeDeprecation(a),
            DescriptionKind = Proto.StringKind.Markdown,
            Required = a.Required,
            Optional = a.Optional,
            Computed = a.Computed,
            Sensitive = a.Sensitive,
            WriteOnly = a.WriteOnly,
            Deprecated = a.DeprecationMessage is not null,
        };
        if (a.Nested is { } nested)
        {
            var obj = new Proto.Schema.Types.Object
            {
                Nesting = nested.Nesting switch
                {
                    NestingMode.List => Proto.Schema.Types.Object.Types.NestingMode.List,
                    NestingMode.Set => Proto.Schema.Types.Object.Types.NestingMode.Set,
                    NestingMode.Map => Proto.Schema.Types.Object.Types.NestingMode.Map,
                    _ => Proto.Schema.Types.Object.Types.NestingMode.Single,
                },
            };
            obj.Attributes.AddRange(nested.Attributes.OrderBy(x => x.Name, StringComparer.Ordinal).Select(Attribute));
            result.NestedType = obj;
        }
        else
        {
            result.Type = ByteString.CopyFromUtf8(a.Type.ToString());
        }
        return result;
    }

    private static string DescribeDeprecation(SchemaAttribute a) =>
        a.DeprecationMessage is null ? a.Description : $"{a.Description}\n\n**Deprecated:** {a.DeprecationMessage}";

    public static Proto.Function Function(FunctionDefinition f)
    {
        var result = new Proto.Function
        {
            Summary = f.Summary,
            Description = f.Description,
            DescriptionKind = Proto.StringKind.Markdown,
            Return = new Proto.Function.Types.Return { Type = ByteString.CopyFromUtf8(f.Return.ToString()) },
        };
        result.Parameters.AddRange(f.Parameters.Select(Parameter));
        if (f.Variadic is { } variadic)
        {
            result.VariadicParameter = Parameter(variadic);
        }
        return result;
    }

    private static Proto.Function.Types.Parameter Parameter(FunctionParameter p) => new()
    {
        Name = p.Name,
        Type = ByteString.CopyFromUtf8(p.Type.ToString()),
        AllowNullValue = p.AllowNull,
        Description = p.Description,
        DescriptionKind = Proto.StringKind.Markdown,
    };

    public static Proto.Diagnostic Diagnostic(Diagnostic d)
    {
        var result = new Proto.Diagnostic
        {
            Severity = d.Severity == Severity.Error ? Proto.Diagnostic.Types.Severity.Error : Proto.Diagnostic.Types.Severity.Warning,
            Summary = d.Summary,
            Detail = d.Detail,
        };
        if (d.Path is { Steps.Length: > 0 } path)
        {
            result.Attribute = Path(path);
        }
        return result;
    }

    public static Proto.AttributePath Path(AttrPath path)
    {
        var result = new Proto.AttributePath();
        foreach (var step in path.Steps)
        {
            result.Steps.Add(step.Kind switch
            {
                PathStepKind.Attribute => new Proto.AttributePath.Types.Step { AttributeName = step.Name },
                PathStepKind.StringKey => new Proto.AttributePath.Types.Step { ElementKeyString = step.Name },
                _ => new Proto.AttributePath.Types.Step { ElementKeyInt = step.Index },
            });
        }
        return result;
    }
}
