// A rate written as a percentage: lint's hint and kb fix's repair must agree on what is one. Only a
// whole number from 2 to 100 ("85") is read as a percentage; 1 is a valid rate already, and anything
// else above 1 (1.5: 1.5%? 15%? 150%?) would be a guess, left for a person.
export function wholePercentAsRate(n: number): number | undefined {
  return Number.isInteger(n) && n >= 2 && n <= 100 ? n / 100 : undefined;
}
