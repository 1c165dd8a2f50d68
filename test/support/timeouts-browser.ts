// Starting the built server and Chromium takes seconds on a busy machine.
jest.setTimeout(180_000);
