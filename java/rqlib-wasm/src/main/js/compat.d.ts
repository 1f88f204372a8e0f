/** Loads the core; await once before creating sessions (the original's default export). */
export default function init(options?: { backend?: 'auto' | 'wasm-gc' | 'js' }): Promise<unknown>;

export class RaptorQSession {
  free(): void;
  constructor(symbol_size: number, redundancy_factor: number, max_memory_mb: bigint, concurrency_limit: bigint);
  create_metadata(input_path: string, layout_file: string, block_size: number): Promise<any>;
  encode_file(input_path: string, output_dir: string, block_size: number): Promise<any>;
  decode_symbols(symbols_dir: string, output_path: string, layout_path: string): Promise<any>;
  get_recommended_block_size(file_size: number): number;
  static version(): string;
}

export function writeFileChunk(path: string, offset: number, data: Uint8Array): Promise<void>;
export function readFileChunk(path: string, offset: number, length: number): Promise<Uint8Array>;
export function getFileSize(path: string): number;
export function createDirAll(path: string): Promise<void>;
export function dirExists(path: string): Promise<boolean>;
export function syncDirExists(path: string): boolean;
export function flushFile(path: string): Promise<void>;
export const memFiles: Map<string, Uint8Array>;
