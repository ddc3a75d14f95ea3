using Google.Protobuf;
using Saison.LocalHost.DescriptorWriter;

// Usage: Saison.LocalHost.DescriptorWriter <output.pb>
// Prints the names of the protocol's files (other than Google's well-known types), one a line: the
// files protoc must generate C# for.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Saison.LocalHost.DescriptorWriter <output.pb>");
    return 2;
}

var set = WorkerProtocolDescriptor.ToDescriptorSet(WorkerProtocolDescriptor.Load());
var output = Path.GetFullPath(args[0]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllBytesAsync(output, set.ToByteArray());
foreach (var file in set.File.Where(f => !f.Name.StartsWith("google/", StringComparison.Ordinal)))
{
    Console.WriteLine(file.Name);
}

return 0;
