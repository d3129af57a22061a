// Features not needed at start-up load on first use. Each has one module, `features/<name>/lazy.ts`, that
// the start-up code reaches only through `lazyFeature(() => import('./lazy'))`: the build (esbuild.mjs, LAZY)
// makes that module a bundle of its own, dist/lazy-<name>.js, and the import a require() of it. What stays at
// start-up is cheap: command and serializer registrations whose handlers await the feature.

/**
 * A loader that loads the feature once, on its first call, and gives every caller the same module. A load
 * that failed is tried again on the next call.
 */
export function lazyFeature<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () => loading ??= load().catch((err: unknown) => { loading = undefined; throw err; });
}
