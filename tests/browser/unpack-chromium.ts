import chromium from '@sparticuz/chromium';

/**
 * Unpacks the Chromium inside @sparticuz/chromium and prints its path. The package unpacks into os.tmpdir(),
 * so the caller runs this with TMPDIR set to the folder it wants (see chromium.ts).
 */

// The tests draw on 2D canvases only, with the GPU off: no need for the package's software GL (SwiftShader).
chromium.setGraphicsMode = false;
process.stdout.write(await chromium.executablePath());
