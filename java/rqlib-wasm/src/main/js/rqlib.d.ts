/** Output-deciding settings, with the original library's meaning and defaults. */
export interface Settings {
  /** 1 to 65535; T = symbolSize below 64, else rounded down to a multiple of 8. Default 65535. */
  symbolSize?: number;
  /** 0 to 255. Default 4. */
  redundancyFactor?: number;
  /** Bytes per block; 0 = automatic from the layout memory. Default 0. */
  blockSize?: number;
  /**
   * The original's max_memory_mb. Default: derived from memoryLimitMb (156 for 512) when blockSize is 0, so that
   * blocks fit the bound; 16384 (the original's default) with a blockSize or memoryLimitMb Infinity.
   */
  layoutMemoryMb?: number;
  /**
   * The most memory one block's working set may take, in MiB (Infinity: no bound). Default 512. Decides the
   * block size unless blockSize or layoutMemoryMb is given; a block over it is refused (ResourceLimitException).
   */
  memoryLimitMb?: number;
  /** Layout memory in bytes; overrides layoutMemoryMb. */
  layoutMemory?: number;
}

export interface PlannedBlock {
  blockId: number;
  offset: number;
  size: number;
  /** The 12 OTI bytes (the layout's encoder_parameters). */
  oti: Uint8Array;
  repair: number;
  symbolCount: number;
  symbolFileSize: number;
  directory: string;
}

export interface SymbolFile {
  /** base58 BLAKE3-256 of the file's bytes: its name in the block directory. */
  id: string;
  /** 4-byte FEC Payload ID and the symbol. */
  data: Uint8Array;
}

export interface LayoutBlock {
  block_id: number;
  encoder_parameters: number[];
  original_offset: number;
  size: number;
  symbols: string[];
  hash: string;
}

export type EncodeItem =
  | { type: 'symbols'; blockId: number; directory: string; symbols: SymbolFile[] }
  | { type: 'layout'; layout: Uint8Array; blocks: LayoutBlock[]; plan: PlannedBlock[]; settings: UsedSettings };

/** The settings an encode ran with: the original gives the same layout with these (layoutMemoryMb = max_memory_mb). */
export type UsedSettings = Required<Omit<Settings, 'layoutMemory'>>;

export type Input = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>;
export type SymbolBytes = Uint8Array | ArrayBuffer | Blob | null | undefined;
/** Returns a symbol file's bytes, or null/undefined when it is missing. */
export type SymbolLookup = (directory: string, id: string) => SymbolBytes | Promise<SymbolBytes>;
export type Progress = (done: number, total: number) => void;
/** memoryLimitMb: a layout block whose working set exceeds it is refused before any lookup. Default 512. */
export interface DecodeOptions { onProgress?: Progress; memoryLimitMb?: number }

export const LAYOUT_FILE: '_raptorq_layout.json';
export const DEFAULT_SETTINGS: Readonly<Required<Omit<Settings, 'layoutMemory' | 'layoutMemoryMb'>>>;
/** The settings an encode with these would use (defaults filled in, layoutMemoryMb derived). */
export function resolveSettings(settings?: Settings): Settings & UsedSettings;

/** Loads the WebAssembly GC build ('auto' falls back to the JavaScript build where it cannot run). */
export function load(options?: { backend?: 'auto' | 'wasm-gc' | 'js' }): Promise<Rqlib>;

export class Rqlib {
  readonly backend: 'wasm-gc' | 'js';
  readonly wasmGcError?: string;
  readonly version: string;
  plan(fileSize: number, settings?: Settings): PlannedBlock[];
  encodeBlocks(input: Input, settings?: Settings, options?: { size?: number; onProgress?: Progress }): AsyncGenerator<EncodeItem>;
  encode(input: Input, settings?: Settings, options?: {
    size?: number;
    onProgress?: Progress;
    onSymbols?: (directory: string, symbols: SymbolFile[], blockId: number) => void | Promise<void>;
  }): Promise<{ layout: Uint8Array; blocks: LayoutBlock[]; plan: PlannedBlock[]; settings: UsedSettings }>;
  decodeBlocks(layout: Uint8Array | string | { blocks: LayoutBlock[] }, lookup: SymbolLookup, options?: DecodeOptions):
    AsyncGenerator<{ blockId: number; offset: number; data: Uint8Array }>;
  decode(layout: Uint8Array | string | { blocks: LayoutBlock[] }, lookup: SymbolLookup, options?: DecodeOptions): Promise<Blob>;
  decodeStream(layout: Uint8Array | string | { blocks: LayoutBlock[] }, lookup: SymbolLookup, options?: DecodeOptions): ReadableStream<Uint8Array>;
}

/** The layout file's bytes in the original's format. */
export function layoutJson(blocks: LayoutBlock[]): Uint8Array;
