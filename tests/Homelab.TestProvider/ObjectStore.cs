using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;

namespace Homelab.TestProvider;

/// <summary>One cty-JSON file per object, so tests can change or delete objects out of band.</summary>
internal sealed class ObjectStore(string directory)
{
    public string PathOf(string id) => Path.Combine(directory, id + ".json");

    public void Put(string id, TfValue value, TfType type)
    {
        var tmp = PathOf(id) + ".tmp";
        File.WriteAllBytes(tmp, CtyJson.Encode(value, type));
        File.Move(tmp, PathOf(id), overwrite: true);
    }

    public TfValue? Get(string id, TfType type) =>
        File.Exists(PathOf(id)) ? CtyJson.Decode(File.ReadAllBytes(PathOf(id)), type, ignoreUndefinedAttributes: true) : null;

    public void Delete(string id) => File.Delete(PathOf(id));
}
