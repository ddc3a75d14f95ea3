using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Saison.LocalHost.DescriptorWriter;

/// <summary>
/// The Functions host protocol as the worker package compiled it: <c>FunctionRpc.proto</c> and every
/// file it imports, read from the <c>FunctionRpcReflection</c> class that Microsoft.Azure.Functions.Worker.Grpc
/// generates (internal there, hence the reflection).
/// </summary>
public static class WorkerProtocolDescriptor
{
    /// <summary>The generated class that holds the protocol's compiled descriptor.</summary>
    public const string ReflectionTypeName = "Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection";

    /// <summary>The assembly of the worker package that ships the protocol.</summary>
    public const string WorkerGrpcAssemblyName = "Microsoft.Azure.Functions.Worker.Grpc";

    /// <summary>Loads the descriptor of <c>FunctionRpc.proto</c> from the worker's gRPC assembly.</summary>
    /// <param name="workerGrpc">The assembly; by default the one this program was built against.</param>
    public static FileDescriptor Load(Assembly? workerGrpc = null)
    {
        workerGrpc ??= Assembly.Load(WorkerGrpcAssemblyName);
        var reflection = workerGrpc.GetType(ReflectionTypeName, throwOnError: true)!;
        var property = reflection.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{ReflectionTypeName}.Descriptor not found in {workerGrpc.FullName}.");
        return (FileDescriptor)property.GetValue(null)!;
    }

    /// <summary>
    /// The descriptor and all its imports as one <see cref="FileDescriptorSet"/>, each file after the files
    /// it imports (the order protoc's <c>--descriptor_set_in</c> expects).
    /// </summary>
    public static FileDescriptorSet ToDescriptorSet(FileDescriptor root)
    {
        var set = new FileDescriptorSet();
        var written = new HashSet<string>(StringComparer.Ordinal);
        Add(root);
        return set;

        void Add(FileDescriptor file)
        {
            if (!written.Add(file.Name))
            {
                return;
            }

            foreach (var dependency in file.Dependencies)
            {
                Add(dependency);
            }

            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }
    }
}
