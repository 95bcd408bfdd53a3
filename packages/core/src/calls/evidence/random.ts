import gammaRandom from "@stdlib/random-base-gamma";
import poissonRandom from "@stdlib/random-base-poisson";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/**
 * One seeded stream of random numbers for the simulator: a Mersenne Twister
 * (stdlib's, behind its Poisson generator) shared by every draw, so a seed
 * replays a whole simulated history exactly.
 */
export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  normal(mean?: number, sd?: number): number;
  poisson(mean: number): number;
  /** Gamma with this mean and squared coefficient of variation (shape 1/cv²). */
  gamma(mean: number, cv2: number): number;
  /** Negative binomial as a gamma–Poisson mixture: mean μ, variance μ + α·μ². */
  negativeBinomial(mean: number, alpha: number): number;
  integer(below: number): number;
}

export function seededRandom(seed: number): Random {
  // mt19937 takes a positive 32-bit seed.
  const poisson = poissonRandom.factory({ seed: (Math.abs(Math.trunc(seed)) % 4294967295) + 1 });
  // The typings leave out mt19937's `normalized` (uniform on [0, 1)), which the generator has.
  const uniform = (poisson.PRNG as unknown as { normalized: () => number }).normalized;
  const gamma = gammaRandom.factory({ prng: uniform });
  const random: Random = {
    uniform,
    normal: (mean = 0, sd = 1) =>
      mean + sd * normalQuantile(Math.min(Math.max(uniform(), 1e-12), 1 - 1e-12), 0, 1),
    poisson: (mean) => (mean > 0 ? poisson(mean) : 0),
    gamma: (mean, cv2) => (mean <= 0 ? 0 : cv2 <= 0 ? mean : gamma(1 / cv2, 1 / (cv2 * mean))),
    negativeBinomial: (mean, alpha) => random.poisson(random.gamma(mean, alpha)),
    integer: (below) => Math.floor(uniform() * below),
  };
  return random;
}
