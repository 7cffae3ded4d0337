# Ardalis.GuardClauses: guard extension methods on IGuardClause, [NotNull]/[CallerArgumentExpression] throughout.
REPO=ardalis/GuardClauses
COMMIT=0209804391d8403cb828ad0a46fca1faba51ac4f
ANNOTATE=(src/GuardClauses test/GuardClauses.UnitTests)
TEST_PROJECT=test/GuardClauses.UnitTests/GuardClauses.UnitTests.csproj
TEST_FRAMEWORK=net8.0      # its only target; the test host rolls forward to the installed .NET 10 runtime
CONFIGURATION=Release
# Not served here; coverage tooling and netstandard2.0 reference-assembly annotation, neither used by the net8.0 build.
REMOVE_PACKAGES=(altcover TunnelVisionLabs.ReferenceAssemblyAnnotator)
