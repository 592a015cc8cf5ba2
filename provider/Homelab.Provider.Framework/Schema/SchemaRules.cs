using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Resources;

namespace Homelab.Provider.Framework.Schema;

/// <summary>
/// Checks every attribute of a provider's schemas against <see cref="SchemaAttribute.Validate"/>: a
/// schema the client would reject, or one whose plans the client would refuse, is a programmer
/// error best reported once, with the attribute named.
/// </summary>
internal static class SchemaRules
{
    /// <summary>One sentence per problem, e.g. "example_x.size: default of type string does not match number."</summary>
    public static IReadOnlyList<string> Check(IProvider provider)
    {
        var problems = new List<string>();
        Walk("provider", provider.Schema.Block, problems);
        foreach (var r in provider.Resources)
        {
            Walk(r.TypeName, r.Schema.Block, problems);
            if (r is IResourceIdentity identity)
            {
                CheckIdentity(r, identity.IdentitySchema, problems);
            }
        }
        foreach (var d in provider.DataSources)
        {
            Walk("data." + d.TypeName, d.Schema.Block, problems);
        }
        foreach (var f in provider.Functions)
        {
            CheckFunction(f, problems);
        }
        return problems;
    }

    /// <summary>A function name and its parameter names are HCL identifiers in lowercase (the clients' rule), parameters are unique, and it is documented.</summary>
    private static void CheckFunction(IFunction f, List<string> problems)
    {
        var owner = "function " + f.Name;
        if (!IsName(f.Name))
        {
            problems.Add($"{owner}: the name must be lowercase letters, digits and _, starting with a letter.");
        }
        if (string.IsNullOrWhiteSpace(f.Definition.Summary))
        {
            problems.Add($"{owner}: a summary is required (editors and docs show it).");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in f.Definition.Variadic is { } v ? [.. f.Definition.Parameters, v] : f.Definition.Parameters)
        {
            if (!IsName(p.Name) || !seen.Add(p.Name))
            {
                problems.Add($"{owner}: parameter \"{p.Name}\" must be a unique lowercase name.");
            }
        }
    }

    /// <summary>
    /// An identity schema the clients accept and that can import: version ≥ 0, at least one
    /// attribute, unique lowercase names, each exactly one of required or optional for import and
    /// described, types a primitive or a list of one (what Terraform's identity schemas allow), and
    /// the resource imports (import by identity goes through <see cref="IImportState"/>).
    /// </summary>
    private static void CheckIdentity(IResource r, IdentitySchema schema, List<string> problems)
    {
        var owner = r.TypeName + " identity";
        if (schema.Version < 0)
        {
            problems.Add($"{owner}: the version must not be negative.");
        }
        if (schema.Attributes.Count == 0)
        {
            problems.Add($"{owner}: at least one attribute is required.");
        }
        if (!schema.Attributes.Any(a => a.RequiredForImport))
        {
            problems.Add($"{owner}: at least one attribute must be required for import.");
        }
        if (r is not IImportState)
        {
            problems.Add($"{owner}: a resource with an identity must implement IImportState (import by identity runs through it).");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in schema.Attributes)
        {
            if (!IsName(a.Name) || !seen.Add(a.Name))
            {
                problems.Add($"{owner}: attribute \"{a.Name}\" must be a unique lowercase name.");
            }
            if (a.RequiredForImport == a.OptionalForImport)
            {
                problems.Add($"{owner}.{a.Name}: exactly one of RequiredForImport and OptionalForImport must be set.");
            }
            if (!(a.Type.IsPrimitive || a.Type.Kind == Values.TypeKind.List && a.Type.Element!.IsPrimitive))
            {
                problems.Add($"{owner}.{a.Name}: type {a.Type} is not allowed; an identity attribute is a string, number, bool or a list of one.");
            }
            if (string.IsNullOrWhiteSpace(a.Description))
            {
                problems.Add($"{owner}.{a.Name}: a description is required (editors and docs show it).");
            }
        }
    }

    private static bool IsName(string name) =>
        name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static void Walk(string owner, Block block, List<string> problems)
    {
        foreach (var a in block.Attributes)
        {
            try
            {
                a.Validate();
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{owner}: {ex.Message}");
            }
            if (a.Nested is { } nested)
            {
                Walk($"{owner}.{a.Name}", new Block { Attributes = nested.Attributes }, problems);
            }
        }
        foreach (var b in block.Blocks)
        {
            Walk($"{owner}.{b.TypeName}", b.Block, problems);
        }
    }
}
