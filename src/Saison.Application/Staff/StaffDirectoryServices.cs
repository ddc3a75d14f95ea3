using Saison.Application.Contracts;

namespace Saison.Application.Staff;

/// <summary>The directory also offers its services' names to other areas (the COPIL's load per service).</summary>
public sealed partial class StaffDirectory : IStaffServices;
