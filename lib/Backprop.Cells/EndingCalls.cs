using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Backprop.Cells;

/// <summary>
/// Finds, in a cell's compiled image, a use of <c>Environment.Exit</c> or <c>Environment.FailFast</c> (a call, or a
/// method group handed on): either would end the .NET runtime the cells run in (the page's, in the browser) and every
/// cell's variables with it, and no <c>catch</c> can stop it. The cell is refused before it runs. The exercises' checks
/// refuse the same two calls in a student's function in the kernel (Backprop.Grading's <c>CodeInspection</c>).
/// </summary>
/// <remarks>
/// It reads the image's member references, so it sees the call however it is written (<c>using static</c>, an alias,
/// a method group), but not a call made through reflection. A cell that calls an earlier cell's method that calls
/// <c>Exit</c> is safe too: that earlier cell was refused, so the method does not exist.
/// </remarks>
internal static class EndingCalls
{
    /// <summary>The name of the first such method the image refers to (<c>Exit</c>, <c>FailFast</c>), or null.</summary>
    public static string? Find(Stream image)
    {
        image.Position = 0;
        using var pe = new PEReader(image, PEStreamOptions.LeaveOpen);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
            if (metadata.StringComparer.Equals(type.Namespace, "System") && metadata.StringComparer.Equals(type.Name, "Environment")
                && metadata.GetString(member.Name) is "Exit" or "FailFast")
            {
                return metadata.GetString(member.Name);
            }
        }

        return null;
    }
}
