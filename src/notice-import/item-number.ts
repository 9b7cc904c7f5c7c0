/**
 * The largest item number an import accepts. Numbers are stored as int; this leaves room below its ceiling for the
 * tasks added by hand after the last item, and is far past any notice the import's body limit can carry.
 */
export const MAX_ITEM_NUMBER = 99_999_999;
