export { shelve, shelfName } from "./shelve";
