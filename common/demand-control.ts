import { DEFAULT_PAGE_SIZE } from './pagination';

/**
 * What a field costs the system to answer, declared where the field is
 * (Federation 2.9's demand-control directives). Composition carries them
 * into `schema/supergraph.graphql`, where the gateway's cost limit reads them
 * (`gateway/src/cost.ts`): the one home of field costs.
 *
 * Units: 1 is one object resolved. A scalar costs 0 unless weighed here; a
 * list multiplies what each element costs by its size, a page by the page
 * size asked for (`first`, 50 when absent).
 */
export function cost(weight: number): string {
  return `@cost(weight: ${weight})`;
}

/** A list of about `size` elements. */
export function listSize(size: number): string {
  return `@listSize(assumedSize: ${size})`;
}

/** A Relay connection: its `edges` hold `first` elements, or the default page when `first` is not given. */
export const PAGE = `@listSize(slicingArguments: ["first"], sizedFields: ["edges"], assumedSize: ${DEFAULT_PAGE_SIZE}, requireOneSlicingArgument: false)`;

/** A list whose length the `argument` gives (e.g. the last `last` months), about `size` elements when it is not given. */
export function slicedList(argument: string, size: number): string {
  return `@listSize(slicingArguments: ["${argument}"], assumedSize: ${size}, requireOneSlicingArgument: false)`;
}
