export { ChainMapModule } from './lib/chain-map.module';
// The one query of gaps with no active lead: the map, the chain leader page and the meeting pack read it.
export { unledGaps, unledGapsOfChain, type UnledGap } from './lib/gaps/unled-gaps';
